using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record SimpleRule(string RuleId, Severity Severity, LocalizedText Message, IReadOnlyList<string> Sources);
