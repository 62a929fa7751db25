namespace MagSleep.Core.Rules;

/// <summary>The safety check inside a guidance plan.</summary>
/// <param name="Verdict">ok, caution or consult-clinician: the strictest finding's severity.</param>
/// <param name="Findings">What the rules found, strictest first.</param>
/// <param name="Conflicts">Where the sources disagree about the amount, and which one the answer follows.</param>
/// <param name="Dose">The amount sent, checked; null when the request named none.</param>
public sealed record SafetyResult(Verdict Verdict, IReadOnlyList<Finding> Findings, IReadOnlyList<ConflictView> Conflicts, DoseSummary? Dose);

/// <summary>The amount of a guidance request, checked.</summary>
/// <param name="ElementalMg">Elemental magnesium a day, in mg.</param>
/// <param name="Tier">The id of the dose tier the amount falls in.</param>
/// <param name="AboveSupplementUpperLimit">Whether the amount is above the supplemental upper limit for the person's age.</param>
public sealed record DoseSummary(double ElementalMg, string Tier, bool AboveSupplementUpperLimit);
