using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record TextItem(string Id, LocalizedText Text, IReadOnlyList<string> Sources);
