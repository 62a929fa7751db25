namespace MagSleep.Core.Rules;

public sealed record SpacingView(int? HoursBefore, int? HoursAfterMin, int? HoursAfterMax, string Text);
