namespace MagSleep.Core.Rules;

public sealed record PathwayResult(
    string Id,
    string Name,
    string Pattern,
    string Mechanism,
    IReadOnlyList<string> SuggestedForms,
    IReadOnlyList<string> MatchedBy,
    IReadOnlyList<string> Sources);
