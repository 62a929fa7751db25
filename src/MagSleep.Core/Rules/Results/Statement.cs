namespace MagSleep.Core.Rules;

/// <summary>A sourced statement: every text the engine returns carries at least one source tag.</summary>
public sealed record Statement(string Id, string Text, IReadOnlyList<string> Sources);
