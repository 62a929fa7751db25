namespace MagSleep.Core.Rules;

/// <summary>One criterion of the sleep check applied to the answers.</summary>
/// <param name="Id">The criterion's id in the rule set.</param>
/// <param name="Label">What the criterion asks about.</param>
/// <param name="Met">Whether the reported value meets the threshold.</param>
/// <param name="Observed">What the person reported.</param>
/// <param name="Threshold">The rule the value is compared with.</param>
/// <param name="Source">The source tag of the threshold.</param>
public sealed record CriterionResult(string Id, string Label, bool Met, Observed Observed, Threshold Threshold, string Source);
