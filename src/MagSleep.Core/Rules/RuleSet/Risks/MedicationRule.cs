namespace MagSleep.Core.Rules;

public sealed record MedicationRule(string RuleId, Severity Severity, IReadOnlyList<MedicationGroup> Groups);
