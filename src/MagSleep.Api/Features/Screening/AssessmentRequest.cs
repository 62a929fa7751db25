using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using FluentValidation;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.OpenApi;
using MagSleep.Api.Infrastructure.Validation;
using MagSleep.Core.Rules;

namespace MagSleep.Api.Features.Screening;

/// <summary>A person's answers to the sleep check. Pattern and cause answers are optional; left out (or null) means no.</summary>
/// <param name="SleepOnsetMinutes">Minutes it usually takes to fall asleep after lying down.</param>
/// <param name="NightWakings">How many times a night the person usually wakes.</param>
/// <param name="NightsPerWeek">On how many nights a week the trouble happens.</param>
/// <param name="DurationDays">For how many days it has been going on.</param>
/// <param name="HardToFallBackAsleep">Once awake at night, it is hard to fall back asleep.</param>
/// <param name="UnrefreshingSleep">Sleep does not refresh: many dreams, woken by any noise, tired in the morning.</param>
/// <param name="DaytimeImpact">The day suffers: sleepy, poor attention, irritable, appetite affected.</param>
/// <param name="RacingMind">Tired, but the mind will not switch off at bedtime.</param>
/// <param name="NotSleepyAtBedtime">Not sleepy when bedtime comes.</param>
/// <param name="UnderStress">Under ongoing stress.</param>
/// <param name="NightLegCramps">Woken by leg cramps at night.</param>
/// <param name="RestlessLegs">Restless legs or twitching at night.</param>
/// <param name="PainOrIllness">Pain or an illness keeps the person awake.</param>
/// <param name="MedicationSideEffects">A medicine's side effect keeps the person awake.</param>
internal sealed record AssessmentRequest(
    [property: Required, ContentValues(ContentValue.SleepAnswer)] int? SleepOnsetMinutes,
    [property: Required, ContentValues(ContentValue.SleepAnswer)] int? NightWakings,
    [property: Required, ContentValues(ContentValue.SleepAnswer)] int? NightsPerWeek,
    [property: Required, ContentValues(ContentValue.SleepAnswer)] int? DurationDays,
    bool? HardToFallBackAsleep = null,
    bool? UnrefreshingSleep = null,
    bool? DaytimeImpact = null,
    bool? RacingMind = null,
    bool? NotSleepyAtBedtime = null,
    bool? UnderStress = null,
    bool? NightLegCramps = null,
    bool? RestlessLegs = null,
    bool? PainOrIllness = null,
    bool? MedicationSideEffects = null)
{
    /// <summary>
    /// The constructor a JSON body is read through, with the properties' init setters: for a constructor with more than
    /// four parameters System.Text.Json boxes every value into an array first. Left-out fields keep the defaults above.
    /// </summary>
    [JsonConstructor]
    public AssessmentRequest()
        : this(null, null, null, null)
    {
    }

    /// <summary>Only called once the validator has passed, so the required numbers are there.</summary>
    public SleepAnswers ToAnswers() => new(
        SleepOnsetMinutes!.Value, NightWakings!.Value, NightsPerWeek!.Value, DurationDays!.Value,
        HardToFallBackAsleep ?? false, UnrefreshingSleep ?? false, DaytimeImpact ?? false,
        RacingMind, NotSleepyAtBedtime, UnderStress, NightLegCramps, RestlessLegs, PainOrIllness, MedicationSideEffects);
}

/// <summary>Ranges come from content/rules/inputs.json of the content being served. Also the sleep part of guidance.</summary>
internal sealed class AssessmentRequestValidator : AbstractValidator<AssessmentRequest>
{
    public AssessmentRequestValidator(ContentStore store)
    {
        Func<SleepInputLimits> limits = () => store.Current.Rules.Inputs.Sleep;
        RuleFor(r => r.SleepOnsetMinutes).InRange(() => limits().SleepOnsetMinutes, "minutes");
        RuleFor(r => r.NightWakings).InRange(() => limits().NightWakings, "wakings");
        RuleFor(r => r.NightsPerWeek).InRange(() => limits().NightsPerWeek, "nights");
        RuleFor(r => r.DurationDays).InRange(() => limits().DurationDays, "days");
    }
}
