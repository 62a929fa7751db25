namespace MagSleep.Core.Rules;

/// <summary>A nutrient the sources suggest taking with magnesium.</summary>
/// <param name="Id">The nutrient's id in the rule set.</param>
/// <param name="Name">Its name.</param>
/// <param name="Text">Why, in words.</param>
/// <param name="Sources">Source tags.</param>
public sealed record PairWithView(string Id, string Name, string Text, IReadOnlyList<string> Sources);
