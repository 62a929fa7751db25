namespace MagSleep.Core.Rules;

/// <summary>How long to try a supplement before judging it.</summary>
/// <param name="Min">The fewest weeks.</param>
/// <param name="Max">The most weeks.</param>
/// <param name="Text">The range in words.</param>
/// <param name="Sources">Source tags.</param>
public sealed record WeeksRange(int Min, int Max, string Text, IReadOnlyList<string> Sources);
