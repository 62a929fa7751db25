namespace MagSleep.Core.Rules;

// Engine results, resolved to one language. Property names serialize to camelCase with JsonSerializerDefaults.Web.

/// <summary>
/// ClinicianReferral (why, and what to bring) is set exactly when the verdict is consult-clinician; Rda and
/// SupplementUpperLimit, amounts, are null then (safety rule 8: a limit is told only in the finding that explains it).
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
    UpperLimitView? SupplementUpperLimit,
    RdaView? Rda,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<ConflictView> Conflicts,
    ClinicianReferral? ClinicianReferral,
    string RuleSetVersion,
    string Disclaimer);
