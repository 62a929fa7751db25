namespace MagSleep.Core.Rules;

public sealed record WeeksRange(int Min, int Max, string Text, IReadOnlyList<string> Sources);
