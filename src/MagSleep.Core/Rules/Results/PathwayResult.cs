namespace MagSleep.Core.Rules;

/// <summary>A way magnesium may act on sleep whose pattern the answers match.</summary>
/// <param name="Id">The pathway's id in the rule set.</param>
/// <param name="Name">The pathway's name.</param>
/// <param name="Pattern">The pattern of symptoms it goes with.</param>
/// <param name="Mechanism">How magnesium is thought to act along it.</param>
/// <param name="SuggestedForms">Ids of the forms the sources suggest for it; empty where the answer gives no supplement advice.</param>
/// <param name="MatchedBy">The answer fields (such as racingMind) that matched it.</param>
/// <param name="Sources">Source tags.</param>
public sealed record PathwayResult(
    string Id,
    string Name,
    string Pattern,
    string Mechanism,
    IReadOnlyList<string> SuggestedForms,
    IReadOnlyList<string> MatchedBy,
    IReadOnlyList<string> Sources);
