namespace MagSleep.Core.Rules;

public sealed record CriterionResult(string Id, string Label, bool Met, Observed Observed, Threshold Threshold, string Source);
