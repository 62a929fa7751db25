namespace MagSleep.Core.Rules;

/// <summary>A sourced statement: every text the engine returns carries at least one source tag.</summary>
/// <param name="Id">The id of the rule, classification or note the text comes from.</param>
/// <param name="Text">The statement in words.</param>
/// <param name="Sources">Source tags.</param>
public sealed record Statement(string Id, string Text, IReadOnlyList<string> Sources);
