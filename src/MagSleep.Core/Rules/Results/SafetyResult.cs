namespace MagSleep.Core.Rules;

public sealed record SafetyResult(Verdict Verdict, IReadOnlyList<Finding> Findings, IReadOnlyList<ConflictView> Conflicts, DoseSummary? Dose);

public sealed record DoseSummary(double ElementalMg, string Tier, bool AboveSupplementUpperLimit);
