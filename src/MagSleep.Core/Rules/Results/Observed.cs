namespace MagSleep.Core.Rules;

/// <summary>What the person reported for a criterion: a number (with unit) or a yes/no.</summary>
public sealed record Observed(object Value, string? Unit, string Text);
