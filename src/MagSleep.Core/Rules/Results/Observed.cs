namespace MagSleep.Core.Rules;

/// <summary>What the person reported for a criterion: a number (with unit) or a yes/no.</summary>
/// <param name="Value">The number as sent, or the yes/no (false when the question was not answered).</param>
/// <param name="Unit">The unit id of a number (such as minutes or nights-per-week); null for a yes/no.</param>
/// <param name="Text">The value in words, with its unit.</param>
public sealed record Observed(object Value, string? Unit, string Text);
