using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record ClassificationText(Classification Id, LocalizedText Summary, IReadOnlyList<string> Sources);
