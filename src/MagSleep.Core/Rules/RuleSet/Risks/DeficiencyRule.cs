namespace MagSleep.Core.Rules;

public sealed record DeficiencyRule(string RuleId, Severity Severity, IReadOnlyList<DeficiencyGroup> Groups);
