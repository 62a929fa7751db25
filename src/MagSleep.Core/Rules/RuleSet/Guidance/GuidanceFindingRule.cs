namespace MagSleep.Core.Rules;

/// <summary>Its message is the assessment's treat-cause-first note.</summary>
public sealed record GuidanceFindingRule(string RuleId, Severity Severity, IReadOnlyList<string> Sources);
