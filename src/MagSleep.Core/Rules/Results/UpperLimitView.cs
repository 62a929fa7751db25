namespace MagSleep.Core.Rules;

/// <summary>The supplemental upper limit for an age band. <c>mg</c> null: no supplemental upper limit is set for the age (infants), so any supplement is above it.</summary>
/// <param name="Mg">The most elemental magnesium a day from supplements, in mg.</param>
/// <param name="MinAge">The youngest age in years the limit is for.</param>
/// <param name="MaxAge">The oldest age in years the limit is for.</param>
/// <param name="Sources">Source tags.</param>
public sealed record UpperLimitView(double? Mg, int MinAge, int MaxAge, IReadOnlyList<string> Sources);
