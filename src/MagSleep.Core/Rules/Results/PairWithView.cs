namespace MagSleep.Core.Rules;

public sealed record PairWithView(string Id, string Name, string Text, IReadOnlyList<string> Sources);
