using System.Text.Json.Serialization;
using FluentValidation;
using MagSleep.Api.Infrastructure;
using MagSleep.Core.Rules;

namespace MagSleep.Api.Features.Magnesium;

/// <summary>Who a dose is for: the dose-check fields other than the amount.</summary>
internal interface IProfileFields
{
    int? Age { get; }
    Sex Sex { get; }
    bool Pregnant { get; }
    bool Breastfeeding { get; }
    bool KidneyDisease { get; }
    IReadOnlyList<string>? Medications { get; }
    IReadOnlyList<string>? Conditions { get; }
}

/// <summary>A daily amount of magnesium and how it is stated.</summary>
internal interface IDoseFields
{
    double? AmountMg { get; }
    AmountBasis AmountBasis { get; }
    string? Form { get; }
}

/// <summary>A daily magnesium amount to check for one person.</summary>
/// <param name="AmountMg">Daily amount in mg (more than 0, at most 10000).</param>
/// <param name="AmountBasis">`elemental` (default): the amount is magnesium itself. `compound`: the amount is the weight of the compound named by `form`.</param>
/// <param name="Form">One of glycinate, l-threonate, taurate, citrate, gluconate, orotate, oxide, chloride. Required when the basis is compound.</param>
/// <param name="Age">Age in years (0–120).</param>
/// <param name="Sex">female, male or unspecified (default).</param>
/// <param name="Pregnant">Currently pregnant.</param>
/// <param name="Breastfeeding">Currently breastfeeding.</param>
/// <param name="KidneyDisease">Has kidney disease or reduced kidney function.</param>
/// <param name="Medications">Medicine groups taken: antibiotics, muscle-relaxants, blood-pressure, bisphosphonates, diuretics, proton-pump-inhibitors, other.</param>
/// <param name="Conditions">Conditions: digestive-disease, diabetes, alcohol-dependence.</param>
internal sealed record DoseCheckRequest(
    double? AmountMg,
    int? Age,
    AmountBasis AmountBasis = AmountBasis.Elemental,
    string? Form = null,
    Sex Sex = Sex.Unspecified,
    bool Pregnant = false,
    bool Breastfeeding = false,
    bool KidneyDisease = false,
    IReadOnlyList<string>? Medications = null,
    IReadOnlyList<string>? Conditions = null) : IProfileFields, IDoseFields, IBindableFromHttpContext<DoseCheckRequest>
{
    /// <summary>
    /// The constructor a JSON body is read through, with the properties' init setters: for a constructor with more than
    /// four parameters System.Text.Json boxes every value into an array first. Left-out fields keep the defaults above.
    /// </summary>
    [JsonConstructor]
    public DoseCheckRequest()
        : this(null, null)
    {
    }

    public static async ValueTask<DoseCheckRequest?> BindAsync(HttpContext context, System.Reflection.ParameterInfo parameter) => await JsonBody.ReadAsync<DoseCheckRequest>(context);
}

internal static class ProfileMapping
{
    public static PersonProfile ToProfile(this IProfileFields fields) =>
        new(fields.Age!.Value, fields.Sex, fields.Pregnant, fields.Breastfeeding, fields.KidneyDisease, fields.Medications ?? [], fields.Conditions ?? []);

    public static DoseAmount ToDose(this IDoseFields fields) => new(fields.AmountMg!.Value, fields.AmountBasis, fields.Form);
}

/// <summary>The profile and dose rules, shared by the dose check (the request itself) and guidance (two of its parts).</summary>
internal static class ProfileAndDoseRules
{
    public static void AddProfileRules<T, TPart>(this PartRules<T, TPart> part, ContentStore store)
        where TPart : class, IProfileFields
    {
        Func<RulesEngine> rules = () => store.Current.Snapshot.Rules;
        part.RuleFor(p => p.Age).InRange(() => rules().Inputs.Dose.Age, "years");
        part.RuleFor(p => p.Medications).MaxItems(16);
        part.RuleFor(p => p.Medications).EachOneOf(() => rules().MedicationIds);
        part.RuleFor(p => p.Conditions).MaxItems(16);
        part.RuleFor(p => p.Conditions).EachOneOf(() => rules().ConditionIds);
    }

    public static void AddDoseRules<T, TPart>(this PartRules<T, TPart> part, ContentStore store)
        where TPart : class, IDoseFields
    {
        Func<RulesEngine> rules = () => store.Current.Snapshot.Rules;
        part.RuleFor(p => p.AmountMg).InRange(() => rules().Inputs.Dose.AmountMg, "mg");
        part.RuleFor(p => p.Form).OneOf(() => rules().FormIds).When(r => part.Of(r).Form is not null);
        part.RuleFor(p => p.Form).NotNull().WithMessage("Is required when amountBasis is compound: the form decides how much of the weight is magnesium.")
            .When(r => part.Of(r).AmountBasis == AmountBasis.Compound);
    }
}

internal sealed class DoseCheckRequestValidator : AbstractValidator<DoseCheckRequest>
{
    public DoseCheckRequestValidator(ContentStore store) =>
        this.RulesFor(r => r, request =>
        {
            request.AddDoseRules(store);
            request.AddProfileRules(store);
        });
}
