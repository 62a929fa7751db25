using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using FluentValidation;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.OpenApi;
using MagSleep.Api.Infrastructure.Validation;
using MagSleep.Core.Rules;

namespace MagSleep.Api.Features.Magnesium;

/// <summary>Who a dose is for: the dose-check fields other than the amount.</summary>
internal interface IProfileFields
{
    int? Age { get; }
    Sex? Sex { get; }
    bool? Pregnant { get; }
    bool? Breastfeeding { get; }
    bool? KidneyDisease { get; }
    IReadOnlyList<string>? Medications { get; }
    IReadOnlyList<string>? Conditions { get; }
}

/// <summary>A daily amount of magnesium and how it is stated.</summary>
internal interface IDoseFields
{
    double? AmountMg { get; }
    AmountBasis? AmountBasis { get; }
    string? Form { get; }
}

/// <summary>A daily magnesium amount to check for one person. An optional field left out or null takes its default.</summary>
/// <param name="AmountMg">Daily amount in mg.</param>
/// <param name="AmountBasis">`elemental` (default): the amount is magnesium itself. `compound`: the amount is the weight of the compound named by `form`.</param>
/// <param name="Form">A form id (GET /magnesium/forms). Required when the basis is compound.</param>
/// <param name="Age">Age in years.</param>
/// <param name="Sex">female, male or unspecified (default).</param>
/// <param name="Pregnant">Currently pregnant.</param>
/// <param name="Breastfeeding">Currently breastfeeding.</param>
/// <param name="KidneyDisease">Has kidney disease or reduced kidney function.</param>
/// <param name="Medications">Medicine groups taken (`other` for any medicine not listed).</param>
/// <param name="Conditions">Medical conditions (`other` for any condition not listed).</param>
internal sealed record DoseCheckRequest(
    [property: Required, ContentValues(ContentValue.DoseAmount)] double? AmountMg,
    [property: Required, ContentValues(ContentValue.DoseAge)] int? Age,
    AmountBasis? AmountBasis = null,
    [property: ContentValues(ContentValue.FormIds)] string? Form = null,
    Sex? Sex = null,
    bool? Pregnant = null,
    bool? Breastfeeding = null,
    bool? KidneyDisease = null,
    [property: ContentValues(ContentValue.MedicationIds)] IReadOnlyList<string>? Medications = null,
    [property: ContentValues(ContentValue.ConditionIds)] IReadOnlyList<string>? Conditions = null) : IProfileFields, IDoseFields
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
}

internal static class ProfileMapping
{
    public static PersonProfile ToProfile(this IProfileFields fields) =>
        new(fields.Age!.Value, fields.Sex ?? Sex.Unspecified, fields.Pregnant ?? false, fields.Breastfeeding ?? false, fields.KidneyDisease ?? false,
            fields.Medications ?? [], fields.Conditions ?? []);

    public static DoseAmount ToDose(this IDoseFields fields, RulesEngine rules) =>
        new(fields.AmountMg!.Value, fields.BasisOrDefault(rules), fields.Form);

    public static AmountBasis BasisOrDefault(this IDoseFields fields, RulesEngine rules) => fields.AmountBasis ?? rules.Inputs.DefaultAmountBasis;
}

/// <summary>The profile rules of the dose check and of guidance's profile. Age range and ids come from the rule set being served.</summary>
internal sealed class ProfileValidator : AbstractValidator<IProfileFields>
{
    public ProfileValidator(ContentStore store)
    {
        Func<RulesEngine> rules = () => store.Current.Rules;
        RuleFor(p => p.Age).InRange(() => rules().Inputs.Dose.Age, "years");
        RuleFor(p => p.Medications).NoLongerThan(() => rules().MedicationIds);
        RuleForEach(p => p.Medications).OneOf(() => rules().MedicationIds);
        RuleFor(p => p.Conditions).NoLongerThan(() => rules().ConditionIds);
        RuleForEach(p => p.Conditions).OneOf(() => rules().ConditionIds);
    }
}

/// <summary>The amount rules of the dose check and of guidance's dose.</summary>
internal sealed class DoseValidator : AbstractValidator<IDoseFields>
{
    public DoseValidator(ContentStore store)
    {
        Func<RulesEngine> rules = () => store.Current.Rules;
        RuleFor(d => d.AmountMg).InRange(() => rules().Inputs.Dose.AmountMg, "mg");
        RuleFor(d => d.Form).OneOf(() => rules().FormIds).When(d => d.Form is not null);
        RuleFor(d => d.Form).NotNull().Says("form-for-compound").When(d => d.BasisOrDefault(rules()) == AmountBasis.Compound);
    }
}

internal sealed class DoseCheckRequestValidator : AbstractValidator<DoseCheckRequest>
{
    public DoseCheckRequestValidator(ContentStore store)
    {
        Include(new DoseValidator(store));
        Include(new ProfileValidator(store));
    }
}
