using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record PairRule(string Id, LocalizedText Name, LocalizedText Text, IReadOnlyList<string> Sources);
