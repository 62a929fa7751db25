using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>
/// Two sources disagreeing; in dose.json it applies when the dose falls in <c>whenTier</c> and <c>whenRule</c>
/// holds: the upper-limit rule fires, or (<c>tier-reaches-above-supplement-ul</c>) the amount is within the limit while
/// the tier a dose check shows reaches above it. A limit conflict is stated for an age band only where the winner holds a
/// position for it.
/// </summary>
public sealed record ConflictRule(
    string Id,
    IReadOnlyList<ConflictPosition> Positions,
    LocalizedText Resolution,
    string Winner,
    string? WhenTier = null,
    string? WhenRule = null)
{
    public const string TierReachesAboveUpperLimit = "tier-reaches-above-supplement-ul";
}
