using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

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
