namespace MagSleep.Core.Rules;

public sealed record SleepInputLimits(NumericRange SleepOnsetMinutes, NumericRange NightWakings, NumericRange NightsPerWeek, NumericRange DurationDays)
{
    /// <summary>The range of the number answer <paramref name="answer"/> (a <see cref="SleepAnswerFields.Numbers"/> name).</summary>
    public NumericRange Of(string answer) => answer switch
    {
        "sleepOnsetMinutes" => SleepOnsetMinutes,
        "nightWakings" => NightWakings,
        "nightsPerWeek" => NightsPerWeek,
        "durationDays" => DurationDays,
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, "Not a number answer."),
    };
}
