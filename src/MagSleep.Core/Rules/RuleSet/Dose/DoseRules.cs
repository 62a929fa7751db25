namespace MagSleep.Core.Rules;

// dose.json

public sealed record DoseRules(
    IReadOnlyList<DoseTier> Tiers,
    IReadOnlyList<UpperLimitBand> UpperLimits,
    IReadOnlyList<IntakeBand> RecommendedIntake,
    IReadOnlyList<ConflictRule> Conflicts);
