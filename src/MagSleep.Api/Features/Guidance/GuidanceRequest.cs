using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using FluentValidation;
using MagSleep.Api.Features.Magnesium;
using MagSleep.Api.Features.Screening;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.OpenApi;
using MagSleep.Api.Infrastructure.Validation;
using MagSleep.Core.Rules;

namespace MagSleep.Api.Features.Guidance;

/// <summary>Everything the guidance plan needs: the sleep answers, who the person is, and optionally a dose they take or consider.</summary>
/// <param name="Sleep">The same answers as POST /insomnia/assessments.</param>
/// <param name="Profile">The dose-check fields other than the amount.</param>
/// <param name="Dose">Optional: a daily amount to check as part of the plan.</param>
internal sealed record GuidanceRequest([property: Required] AssessmentRequest? Sleep, [property: Required] ProfileRequest? Profile, DoseRequest? Dose = null);

/// <summary>Who the plan is for. An optional field left out or null takes its default.</summary>
/// <param name="Age">Age in years.</param>
/// <param name="Sex">female, male or unspecified (default).</param>
/// <param name="Pregnant">Currently pregnant.</param>
/// <param name="Breastfeeding">Currently breastfeeding.</param>
/// <param name="KidneyDisease">Has kidney disease or reduced kidney function.</param>
/// <param name="Medications">Medicine groups taken (`other` for any medicine not listed).</param>
/// <param name="Conditions">Medical conditions (`other` for any condition not listed).</param>
internal sealed record ProfileRequest(
    [property: Required, ContentValues(ContentValue.DoseAge)] int? Age,
    Sex? Sex = null,
    bool? Pregnant = null,
    bool? Breastfeeding = null,
    bool? KidneyDisease = null,
    [property: ContentValues(ContentValue.MedicationIds)] IReadOnlyList<string>? Medications = null,
    [property: ContentValues(ContentValue.ConditionIds)] IReadOnlyList<string>? Conditions = null) : IProfileFields
{
    /// <summary>
    /// The constructor a JSON body is read through, with the properties' init setters: for a constructor with more than
    /// four parameters System.Text.Json boxes every value into an array first. Left-out fields keep the defaults above.
    /// </summary>
    [JsonConstructor]
    public ProfileRequest()
        : this(Age: null)
    {
    }
}

/// <summary>A daily amount the person takes or considers.</summary>
/// <param name="AmountMg">Daily amount in mg.</param>
/// <param name="AmountBasis">`elemental` (default) or `compound`.</param>
/// <param name="Form">The form; required when the basis is compound.</param>
internal sealed record DoseRequest(
    [property: Required, ContentValues(ContentValue.DoseAmount)] double? AmountMg,
    AmountBasis? AmountBasis = null,
    [property: ContentValues(ContentValue.FormIds)] string? Form = null) : IDoseFields;

internal sealed class GuidanceRequestValidator : AbstractValidator<GuidanceRequest>
{
    public GuidanceRequestValidator(ContentStore store)
    {
        RuleFor(r => r.Sleep).NotNull().Says("required").SetValidator(new AssessmentRequestValidator(store)!);
        RuleFor(r => r.Profile).NotNull().Says("required").SetValidator(new ProfileValidator(store)!);
        RuleFor(r => r.Dose).SetValidator(new DoseValidator(store)!);
    }
}
