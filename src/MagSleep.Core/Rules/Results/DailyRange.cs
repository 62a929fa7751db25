namespace MagSleep.Core.Rules;

/// <summary>Elemental magnesium a day from supplements.</summary>
public sealed record DailyRange(double Min, double Max, string Text, IReadOnlyList<string> Sources);
