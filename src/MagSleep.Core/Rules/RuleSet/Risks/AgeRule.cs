using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record AgeRule(string RuleId, Severity Severity, int AdultAgeYears, LocalizedText Message, IReadOnlyList<string> Sources);
