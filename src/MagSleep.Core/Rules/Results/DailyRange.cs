namespace MagSleep.Core.Rules;

/// <summary>Elemental magnesium a day from supplements.</summary>
/// <param name="Min">The lower end, in mg.</param>
/// <param name="Max">The upper end, in mg; never above the person's supplemental upper limit.</param>
/// <param name="Text">The range in words.</param>
/// <param name="Sources">Source tags.</param>
public sealed record DailyRange(double Min, double Max, string Text, IReadOnlyList<string> Sources);
