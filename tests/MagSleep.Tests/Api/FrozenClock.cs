namespace MagSleep.Tests.Api;

/// <summary>
/// Rate-limit windows are the clock's minutes, so a test that counts requests against a budget freezes the clock,
/// mid-minute by default: its requests then never straddle two windows.
/// </summary>
internal sealed class FrozenClock(double secondsIntoMinute = 30) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 11, 21, 10, 30, 0, TimeSpan.Zero).AddSeconds(secondsIntoMinute);
}
