using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace MagSleep.Core.Rules;

// Engine results, resolved to one language. Property names serialize to camelCase with JsonSerializerDefaults.Web.

/// <summary>A sourced statement: every text the engine returns carries at least one source tag.</summary>
public sealed record Statement(string Id, string Text, IReadOnlyList<string> Sources);

/// <summary>What the person reported for a criterion: a number (with unit) or a yes/no.</summary>
public sealed record Observed(object Value, string? Unit, string Text);

/// <summary>The rule a criterion applies: <c>operator</c> is "&gt;", "&gt;=", "&lt;", "&lt;=" or "is-true".</summary>
public sealed record Threshold(
    [property: AllowedValues(">", ">=", "<", "<=", CompiledCriterion.IsTrue)] string Operator,
    double? Value,
    string? Unit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrInput,
    string Text);

public sealed record CriterionResult(string Id, string Label, bool Met, Observed Observed, Threshold Threshold, string Source);

public sealed record PathwayResult(
    string Id,
    string Name,
    string Pattern,
    string Mechanism,
    IReadOnlyList<string> SuggestedForms,
    IReadOnlyList<string> MatchedBy,
    IReadOnlyList<string> Sources);

public sealed record AssessmentResult(
    Classification Classification,
    Statement Summary,
    bool MeetsCriteria,
    int Score,
    string DurationCategory,
    IReadOnlyList<CriterionResult> Criteria,
    IReadOnlyList<PathwayResult> Pathways,
    IReadOnlyList<Statement> Notes,
    string RuleSetVersion,
    string Disclaimer);

public sealed record SpacingView(int? HoursBefore, int? HoursAfterMin, int? HoursAfterMax, string Text);

/// <summary>The medication group, condition or deficiency group a finding is about.</summary>
public sealed record FindingDetails(string Group);

public sealed record Finding(
    string RuleId,
    Severity Severity,
    string Message,
    IReadOnlyList<string> Sources,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FindingDetails? Details = null);

public sealed record ConflictPositionView(string Source, string Position);

public sealed record ConflictView(string Id, IReadOnlyList<ConflictPositionView> Positions, string Resolution, string Winner);

public sealed record BoundView(double Mg, bool Inclusive);

/// <summary>Lower and Upper are null in a consult-clinician dose check, which names no amounts (safety rule 8).</summary>
public sealed record TierView(string Id, string Name, string Description, BoundView? Lower, BoundView? Upper, Severity? Severity, IReadOnlyList<string> Sources);

/// <summary>Mg null: no supplemental upper limit is set for the age (infants), so any supplement is above it.</summary>
public sealed record UpperLimitView(double? Mg, int MinAge, int MaxAge, IReadOnlyList<string> Sources);

public sealed record IntakeOptionView(string Basis, double Mg);

/// <summary>The recommended intake for the person; Mg null when it depends on something not given (sex, or months for infants).</summary>
public sealed record RdaView(double? Mg, IntakeKind Kind, string? Basis, int MinAge, int MaxAge, IReadOnlyList<IntakeOptionView> Options, IReadOnlyList<string> Sources);

/// <summary>
/// ClinicianReferral (why, and what to bring) is set exactly when the verdict is consult-clinician; Rda, an amount,
/// is null then (safety rule 8).
/// </summary>
public sealed record DoseCheckResult(
    Verdict Verdict,
    TierView Tier,
    double AmountMg,
    AmountBasis AmountBasis,
    string? Form,
    double ElementalFraction,
    double ElementalMg,
    bool AboveSupplementUpperLimit,
    UpperLimitView SupplementUpperLimit,
    RdaView? Rda,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<ConflictView> Conflicts,
    ClinicianReferral? ClinicianReferral,
    string RuleSetVersion,
    string Disclaimer);

public sealed record DoseSummary(double ElementalMg, string Tier, bool AboveSupplementUpperLimit);

public sealed record SafetyResult(Verdict Verdict, IReadOnlyList<Finding> Findings, IReadOnlyList<ConflictView> Conflicts, DoseSummary? Dose);

public sealed record RecommendedForm(string Id, string Name, string Reason, IReadOnlyList<string> Sources);

/// <summary>Elemental magnesium a day from supplements.</summary>
public sealed record DailyRange(double Min, double Max, string Text, IReadOnlyList<string> Sources);

public sealed record ClinicianReferral(string Reason, IReadOnlyList<string> RuleIds, IReadOnlyList<Statement> Bring, IReadOnlyList<string> Sources);

public sealed record WeeksRange(int Min, int Max, string Text, IReadOnlyList<string> Sources);

public sealed record PairWithView(string Id, string Name, string Text, IReadOnlyList<string> Sources);

public sealed record NamedItemView(string Id, string Name);

public sealed record FoodSourcesView(string Text, IReadOnlyList<NamedItemView> Items, IReadOnlyList<string> Sources);

/// <summary>
/// Supplement advice (forms, DailyRangeMg, TryForWeeks, PairWith, and Evidence with trial doses) only when the
/// verdict is not consult-clinician and the answers show a sleep complaint (safety rules 3, 8, 9); otherwise those
/// are empty or null and Evidence names no amount. ClinicianReferral is set exactly when the verdict is consult-clinician.
/// </summary>
public sealed record GuidancePlan(
    IReadOnlyList<RecommendedForm> RecommendedForms,
    DailyRange? DailyRangeMg,
    ClinicianReferral? ClinicianReferral,
    WeeksRange? TryForWeeks,
    PairWithView? PairWith,
    IReadOnlyList<Statement> LifestyleFirst,
    FoodSourcesView FoodSources,
    Statement Evidence);

public sealed record GuidanceResult(AssessmentResult Assessment, SafetyResult Safety, GuidancePlan Plan, string Disclaimer, string RuleSetVersion);

// Catalogue views (GET /magnesium/forms, /magnesium/dose-tiers, /magnesium/risk-groups).

public sealed record FormView(
    string Id,
    string Name,
    string Formula,
    string Hydration,
    FormKind Kind,
    double MolarMass,
    double ElementalFraction,
    bool GentleOnGut,
    bool Recommendable,
    string Summary,
    IReadOnlyList<string> Sources);

public sealed record DoseTierCatalogue(IReadOnlyList<TierView> Tiers, IReadOnlyList<UpperLimitView> SupplementUpperLimits, string RuleSetVersion);

public sealed record RiskGroupMemberView(
    string Id,
    string Name,
    string Message,
    IReadOnlyList<string> Sources,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SpacingView? Spacing = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MinAgeYears = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Rationale = null);

/// <summary>One risk rule; Message is absent for rules that speak only through their members.</summary>
public sealed record RiskGroupView(
    string RuleId,
    Severity Severity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    IReadOnlyList<string> Sources,
    IReadOnlyList<RiskGroupMemberView> Members);

public sealed record RiskGroupCatalogue(IReadOnlyList<RiskGroupView> RiskGroups, string RuleSetVersion);
