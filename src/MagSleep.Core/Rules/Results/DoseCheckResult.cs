namespace MagSleep.Core.Rules;

// Engine results, resolved to one language. Property names serialize to camelCase with JsonSerializerDefaults.Web.

/// <summary>
/// One daily amount checked for one person. <c>clinicianReferral</c> (why, and what to bring) is set exactly when the
/// verdict is consult-clinician; <c>rda</c> and <c>supplementUpperLimit</c>, amounts, are null then (safety rule 8: a
/// limit is told only in the finding that explains it).
/// </summary>
/// <param name="Verdict">ok, caution or consult-clinician: the strictest finding's severity.</param>
/// <param name="Tier">The dose tier the elemental amount falls in.</param>
/// <param name="AmountMg">The amount as sent, in mg.</param>
/// <param name="AmountBasis">Whether the amount sent is elemental magnesium or the weight of the compound.</param>
/// <param name="Form">The form sent, if any.</param>
/// <param name="ElementalFraction">The share of the compound's weight that is magnesium (1 for an elemental amount).</param>
/// <param name="ElementalMg">Elemental magnesium a day, in mg: the amount times the fraction.</param>
/// <param name="AboveSupplementUpperLimit">Whether the elemental amount is above the supplemental upper limit for the age.</param>
/// <param name="SupplementUpperLimit">The supplemental upper limit for the age; null in a consult-clinician answer.</param>
/// <param name="Rda">The recommended intake for the person; null in a consult-clinician answer.</param>
/// <param name="Findings">What the rules found, strictest first.</param>
/// <param name="Conflicts">Where the sources disagree about this amount, and which one the answer follows.</param>
/// <param name="ClinicianReferral">Why to see a clinician first, and what to bring; set exactly when the verdict is consult-clinician.</param>
/// <param name="RuleSetVersion">The version of the rules that produced this answer.</param>
/// <param name="Disclaimer">That this is general information, not medical advice.</param>
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
