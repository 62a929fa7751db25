namespace MagSleep.Core.Rules;

/// <summary>How far apart to take a medicine and magnesium.</summary>
/// <param name="HoursBefore">Take the medicine at least this many hours before magnesium; null where not given.</param>
/// <param name="HoursAfterMin">Or at least this many hours after it; null where not given.</param>
/// <param name="HoursAfterMax">The upper end of that range of hours after; null where not given.</param>
/// <param name="Text">The advice in words.</param>
public sealed record SpacingView(int? HoursBefore, int? HoursAfterMin, int? HoursAfterMax, string Text);
