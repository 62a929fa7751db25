namespace MagSleep.Core.Rules;

public sealed record SleepInputLimits(NumericRange SleepOnsetMinutes, NumericRange NightWakings, NumericRange NightsPerWeek, NumericRange DurationDays);
