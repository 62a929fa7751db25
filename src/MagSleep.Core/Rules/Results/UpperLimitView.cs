namespace MagSleep.Core.Rules;

/// <summary>Mg null: no supplemental upper limit is set for the age (infants), so any supplement is above it.</summary>
public sealed record UpperLimitView(double? Mg, int MinAge, int MaxAge, IReadOnlyList<string> Sources);
