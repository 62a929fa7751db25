using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record UpperLimitRule(string RuleId, Severity Severity, LocalizedText Message, LocalizedText MessageNoLimit, IReadOnlyList<string> Sources);
