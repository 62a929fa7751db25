using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>How a yes/no answer reads, and what joins two observations.</summary>
public sealed record ObservedText(LocalizedText Yes, LocalizedText No, LocalizedText Separator);
