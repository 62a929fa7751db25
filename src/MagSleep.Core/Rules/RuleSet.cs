using System.ComponentModel.DataAnnotations;
using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

// The rule set exactly as stored in content/rules/*.json. Served as-is by GET /rules.

/// <summary>The whole rule set, one property per file in content/rules/.</summary>
public sealed record RuleSet(
    string Version,
    IReadOnlyList<SourceInfo> Sources,
    LocalizedText Disclaimer,
    string DefaultLanguage,
    IReadOnlyList<Language> Languages,
    InputLimits Inputs,
    InsomniaRules Insomnia,
    DoseRules Dose,
    FormCatalogue Forms,
    RiskRules Risks,
    GuidanceRules Guidance);

// ruleset.json
public sealed record RuleSetManifest(string Version, string DefaultLanguage, IReadOnlyList<Language> Languages, IReadOnlyList<SourceInfo> Sources, LocalizedText Disclaimer);

public sealed record SourceInfo(string Tag, LocalizedText Title, LocalizedText Description, [property: Url] string? Url = null);

// inputs.json: the ranges the web layer validates requests against.
public sealed record InputLimits(SleepInputLimits Sleep, DoseInputLimits Dose, AmountBasis DefaultAmountBasis);

public sealed record NumericRange(double Min, double Max, bool MinExclusive = false)
{
    public bool Contains(double value) => (MinExclusive ? value > Min : value >= Min) && value <= Max;
}

public sealed record SleepInputLimits(NumericRange SleepOnsetMinutes, NumericRange NightWakings, NumericRange NightsPerWeek, NumericRange DurationDays);

public sealed record DoseInputLimits(NumericRange AmountMg, NumericRange Age);

// insomnia.json
public sealed record InsomniaRules(
    IReadOnlyList<CriterionRule> Criteria,
    IReadOnlyList<UnitText> Units,
    ObservedText Observed,
    IReadOnlyList<ClassificationText> Classifications,
    IReadOnlyList<DurationCategoryRule> DurationCategories,
    IReadOnlyList<PathwayRule> Pathways,
    InsomniaNotes Notes);

/// <summary>One screening criterion: <c>input operator value</c>, or <c>input is-true</c>; met also when <see cref="OrInput"/> is true.</summary>
public sealed record CriterionRule(
    string Id,
    CriterionRole Role,
    string Input,
    [property: AllowedValues(">", ">=", "<", "<=", CompiledCriterion.IsTrue)] string Operator,
    LocalizedText Label,
    LocalizedText ThresholdText,
    string Source,
    double? Value = null,
    string? Unit = null,
    string? OrInput = null,
    LocalizedText? OrInputLabel = null,
    double? ComplaintFrom = null);

public sealed record UnitText(string Id, LocalizedText One, LocalizedText Many);

/// <summary>How a yes/no answer reads, and what joins two observations.</summary>
public sealed record ObservedText(LocalizedText Yes, LocalizedText No, LocalizedText Separator);

public sealed record ClassificationText(Classification Id, LocalizedText Summary, IReadOnlyList<string> Sources);

/// <summary>Days in [MinDays, MaxDaysExclusive); the last category is open-ended.</summary>
public sealed record DurationCategoryRule(string Id, int MinDays, LocalizedText Label, IReadOnlyList<string> Sources, int? MaxDaysExclusive = null);

/// <summary><see cref="ConsultMechanism"/> replaces the mechanism in a consult-clinician answer (safety rule 8): no amount, trial length or taking tip.</summary>
public sealed record PathwayRule(
    string Id,
    IReadOnlyList<string> Triggers,
    LocalizedText Name,
    LocalizedText ShortName,
    LocalizedText Pattern,
    LocalizedText Mechanism,
    IReadOnlyList<string> SuggestedForms,
    IReadOnlyList<string> Sources,
    LocalizedText? ConsultMechanism = null);

public sealed record NoteRule(string Id, LocalizedText Text, IReadOnlyList<string> Sources);

public sealed record InsomniaNotes(NoteRule TreatCauseFirst, NoteRule ClinicalDefinition);

// dose.json
public sealed record DoseRules(
    IReadOnlyList<DoseTier> Tiers,
    IReadOnlyList<UpperLimitBand> UpperLimits,
    IReadOnlyList<IntakeBand> RecommendedIntake,
    IReadOnlyList<ConflictRule> Conflicts);

public sealed record TierBound(double Mg, bool Inclusive);

/// <summary>
/// A dose tier between two bounds; no upper bound means open-ended. A tier without severity produces no finding.
/// <see cref="ConsultDescription"/> replaces the description in a consult-clinician answer (safety rule 8).
/// </summary>
public sealed record DoseTier(
    string Id,
    TierBound Lower,
    LocalizedText Name,
    LocalizedText Description,
    IReadOnlyList<string> Sources,
    TierBound? Upper = null,
    Severity? Severity = null,
    LocalizedText? ConsultDescription = null)
{
    public bool Contains(double mg) =>
        (Lower.Inclusive ? mg >= Lower.Mg : mg > Lower.Mg)
        && (Upper is null || (Upper.Inclusive ? mg <= Upper.Mg : mg < Upper.Mg));
}

/// <summary>Supplemental upper limit for ages MinAge..MaxAge (inclusive). No mg means none is set: any supplement is above it.</summary>
public sealed record UpperLimitBand(int MinAge, int MaxAge, IReadOnlyList<string> Sources, double? Mg = null);

public sealed record IntakeValue(string Basis, double Mg);

public sealed record IntakeBand(int MinAge, int MaxAge, IntakeKind Kind, IReadOnlyList<IntakeValue> Values, IReadOnlyList<string> Sources);

/// <summary>
/// One source's side of a conflict. With ages, it is stated only for upper-limit bands inside MinAge..MaxAge, so
/// that the source named is the one that sets the figure for that age.
/// </summary>
public sealed record ConflictPosition(string Source, LocalizedText Position, int? MinAge = null, int? MaxAge = null)
{
    public bool AppliesTo(UpperLimitBand band) => (MinAge ?? int.MinValue) <= band.MinAge && band.MaxAge <= (MaxAge ?? int.MaxValue);

    public bool Overlaps(UpperLimitBand band) => (MinAge ?? int.MinValue) <= band.MaxAge && band.MinAge <= (MaxAge ?? int.MaxValue);
}

/// <summary>
/// Two sources disagreeing; in dose.json it applies when the dose falls in <see cref="WhenTier"/> and <see cref="WhenRule"/> fires.
/// A limit conflict is stated for an age band only where the winner holds a position for it.
/// </summary>
public sealed record ConflictRule(
    string Id,
    IReadOnlyList<ConflictPosition> Positions,
    LocalizedText Resolution,
    string Winner,
    string? WhenTier = null,
    string? WhenRule = null);

// forms.json
public sealed record FormCatalogue(AtomicMasses AtomicMasses, IReadOnlyList<FormRule> Forms);

public sealed record AtomicMasses(IReadOnlyDictionary<string, double> Elements, IReadOnlyList<string> Sources);

public sealed record FormRule(
    string Id,
    LocalizedText Name,
    string Formula,
    string Hydration,
    FormKind Kind,
    bool GentleOnGut,
    bool Recommendable,
    LocalizedText Summary,
    IReadOnlyList<string> Sources);

// risks.json
public sealed record RiskRules(
    UpperLimitRule AboveSupplementUpperLimit,
    SimpleRule KidneyImpairment,
    SimpleRule PregnancyOrBreastfeeding,
    AgeRule Under18,
    SimpleRule SideEffects,
    MedicationRule MedicationInteraction,
    DeficiencyRule DeficiencyRisk,
    ConditionRule MedicalCondition);

public sealed record SimpleRule(string RuleId, Severity Severity, LocalizedText Message, IReadOnlyList<string> Sources);

public sealed record UpperLimitRule(string RuleId, Severity Severity, LocalizedText Message, LocalizedText MessageNoLimit, IReadOnlyList<string> Sources);

public sealed record AgeRule(string RuleId, Severity Severity, int AdultAgeYears, LocalizedText Message, IReadOnlyList<string> Sources);

public sealed record MedicationRule(string RuleId, Severity Severity, IReadOnlyList<MedicationGroup> Groups);

public sealed record MedicationGroup(string Id, LocalizedText Name, LocalizedText Message, IReadOnlyList<string> Sources, Spacing? Spacing = null);

public sealed record Spacing(LocalizedText Text, int? HoursBefore = null, int? HoursAfterMin = null, int? HoursAfterMax = null);

public sealed record DeficiencyRule(string RuleId, Severity Severity, IReadOnlyList<DeficiencyGroup> Groups);

/// <summary>A group more likely to be deficient, matched by a condition or by a minimum age (exactly one of the two).</summary>
public sealed record DeficiencyGroup(
    string Id,
    LocalizedText Name,
    LocalizedText Message,
    IReadOnlyList<string> Sources,
    string? Condition = null,
    int? MinAgeYears = null,
    LocalizedText? Rationale = null);

/// <summary>
/// <see cref="Message"/> is told to a person who named the condition; <see cref="CatalogueMessage"/> describes it in the
/// risk-group catalogue, where nobody has said anything.
/// </summary>
public sealed record ConditionRule(
    string RuleId,
    Severity Severity,
    LocalizedText Message,
    LocalizedText CatalogueMessage,
    IReadOnlyList<ConditionInfo> Conditions,
    IReadOnlyList<string> Sources);

public sealed record ConditionInfo(string Id, LocalizedText Name);

// guidance.json
public sealed record GuidanceRules(
    GuidanceFindingRule TreatCauseFirst,
    LongStandingRule LongStanding,
    DailyRangeRule DailyRange,
    ReferralRule Referral,
    FormRankingRule FormRanking,
    WeeksRule TryForWeeks,
    PairRule PairWith,
    IReadOnlyList<TextItem> LifestyleFirst,
    FoodRule FoodSources,
    EvidenceRule Evidence);

/// <summary>Its message is the assessment's treat-cause-first note.</summary>
public sealed record GuidanceFindingRule(string RuleId, Severity Severity, IReadOnlyList<string> Sources);

public sealed record LongStandingRule(string RuleId, Severity Severity, string WhenDurationCategory, LocalizedText Message, IReadOnlyList<string> Sources);

public sealed record DailyRangeRule(string FromTier, LocalizedText Text, IReadOnlyList<string> Sources, ConflictRule Conflict);

public sealed record ReferralRule(LocalizedText Reason, IReadOnlyList<TextItem> Bring, IReadOnlyList<string> Sources);

public sealed record FormRankingRule(int MaxRecommended, LocalizedText ReasonWithPathways, LocalizedText ListSeparator);

public sealed record WeeksRule(int Min, int Max, LocalizedText Text, IReadOnlyList<string> Sources);

public sealed record PairRule(string Id, LocalizedText Name, LocalizedText Text, IReadOnlyList<string> Sources);

public sealed record TextItem(string Id, LocalizedText Text, IReadOnlyList<string> Sources);

/// <summary>
/// Food advice, in every plan. <see cref="Conflict"/>: the sources disagree on food first against supplements; it is
/// stated in every guidance answer, for every age, so its positions carry no ages.
/// </summary>
public sealed record FoodRule(LocalizedText Text, IReadOnlyList<NamedItem> Items, IReadOnlyList<string> Sources, ConflictRule Conflict);

public sealed record NamedItem(string Id, LocalizedText Name);

/// <summary><see cref="ConsultText"/>: the evidence told without amounts, for answers that suggest no supplement.</summary>
public sealed record EvidenceRule(double TrialDoseMinMg, double TrialDoseMaxMg, LocalizedText Text, LocalizedText ConsultText, IReadOnlyList<string> Sources);
