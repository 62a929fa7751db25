using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>A group more likely to be deficient, matched by a condition or by a minimum age (exactly one of the two).</summary>
public sealed record DeficiencyGroup(
    string Id,
    LocalizedText Name,
    LocalizedText Message,
    IReadOnlyList<string> Sources,
    string? Condition = null,
    int? MinAgeYears = null,
    LocalizedText? Rationale = null);
