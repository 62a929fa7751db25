using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record LongStandingRule(string RuleId, Severity Severity, string WhenDurationCategory, LocalizedText Message, IReadOnlyList<string> Sources);
