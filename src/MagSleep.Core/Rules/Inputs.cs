namespace MagSleep.Core.Rules;

// Engine inputs. The web layer validates ranges against RuleSet.Inputs; the engine accepts every in-range value.

/// <summary>Answers to the sleep check. Optional pattern and cause answers: null means not answered, treated as no.</summary>
public sealed record SleepAnswers(
    int SleepOnsetMinutes,
    int NightWakings,
    int NightsPerWeek,
    int DurationDays,
    bool HardToFallBackAsleep = false,
    bool UnrefreshingSleep = false,
    bool DaytimeImpact = false,
    bool? RacingMind = null,
    bool? NotSleepyAtBedtime = null,
    bool? UnderStress = null,
    bool? NightLegCramps = null,
    bool? RestlessLegs = null,
    bool? PainOrIllness = null,
    bool? MedicationSideEffects = null);

/// <summary>Who the dose is for. Medications and conditions are ids from the rule set (see <see cref="RulesEngine.MedicationIds"/>).</summary>
public sealed record PersonProfile(
    int Age,
    Sex Sex = Sex.Unspecified,
    bool Pregnant = false,
    bool Breastfeeding = false,
    bool KidneyDisease = false,
    IReadOnlyList<string>? Medications = null,
    IReadOnlyList<string>? Conditions = null);

/// <summary>A daily amount. A compound amount needs a form id to be converted to elemental magnesium.</summary>
public sealed record DoseAmount(double AmountMg, AmountBasis AmountBasis = AmountBasis.Elemental, string? Form = null);

/// <summary>
/// The fields the sleep rules can name from <see cref="SleepAnswers"/>, as used by content/rules/insomnia.json:
/// read-only views, in the order written, which is the order missing answers are reported in.
/// </summary>
public static class SleepAnswerFields
{
    public static readonly IReadOnlyDictionary<string, Func<SleepAnswers, int>> Numbers = new Dictionary<string, Func<SleepAnswers, int>>
    {
        ["sleepOnsetMinutes"] = a => a.SleepOnsetMinutes,
        ["nightWakings"] = a => a.NightWakings,
        ["nightsPerWeek"] = a => a.NightsPerWeek,
        ["durationDays"] = a => a.DurationDays,
    }.AsReadOnly();

    public static readonly IReadOnlyDictionary<string, Func<SleepAnswers, bool>> Flags = new Dictionary<string, Func<SleepAnswers, bool>>
    {
        ["hardToFallBackAsleep"] = a => a.HardToFallBackAsleep,
        ["unrefreshingSleep"] = a => a.UnrefreshingSleep,
        ["daytimeImpact"] = a => a.DaytimeImpact,
        ["racingMind"] = a => a.RacingMind == true,
        ["notSleepyAtBedtime"] = a => a.NotSleepyAtBedtime == true,
        ["underStress"] = a => a.UnderStress == true,
        ["nightLegCramps"] = a => a.NightLegCramps == true,
        ["restlessLegs"] = a => a.RestlessLegs == true,
        ["painOrIllness"] = a => a.PainOrIllness == true,
        ["medicationSideEffects"] = a => a.MedicationSideEffects == true,
    }.AsReadOnly();
}
