using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record WeeksRule(int Min, int Max, LocalizedText Text, IReadOnlyList<string> Sources);
