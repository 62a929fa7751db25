using System.Diagnostics;
using System.Threading.RateLimiting;

namespace MagSleep.Api.Infrastructure.Partners;

/// <summary>
/// A fixed window aligned to the clock (every instance's minute starts together), counted in Redis when a
/// <see cref="SharedWindowCounter"/> is configured and reachable, and here otherwise. The framework's
/// FixedWindowRateLimiter does neither alignment nor sharing, and its refusals always say "retry after a whole window".
/// </summary>
internal sealed class WindowLimiter(string partition, int permits, TimeSpan window, TimeProvider clock, SharedWindowCounter? shared) : RateLimiter
{
    private readonly long _windowMs = (long)window.TotalMilliseconds;
    private readonly Lock _gate = new();
    private long _window = -1;
    private int _count;
    private long _lastUsed = Stopwatch.GetTimestamp();

    /// <summary>Idle only once its window has passed, so the partitioned limiter never forgets a count that still applies.</summary>
    public override TimeSpan? IdleDuration =>
        Interlocked.Read(ref _window) == clock.GetUtcNow().ToUnixTimeMilliseconds() / _windowMs ? null : Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>With Redis in use this never answers synchronously, so the middleware asks <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        shared is { IsAvailable: true } ? Lease.NotYet : CountHere(clock.GetUtcNow().ToUnixTimeMilliseconds(), sharedCount: null);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var sharedCount = shared is { IsAvailable: true }
            ? await shared.TryIncrementAsync($"magsleep:ratelimit:{partition}:{now / _windowMs}", window)
            : null;
        return CountHere(now, sharedCount);
    }

    /// <summary>Counted here even when Redis answers, so a fallback in mid-window starts from this instance's share.</summary>
    private Lease CountHere(long now, long? sharedCount)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        lock (_gate)
        {
            if (_window != now / _windowMs)
            {
                Interlocked.Exchange(ref _window, now / _windowMs);
                _count = 0;
            }

            if ((sharedCount ?? _count + 1) <= permits)
            {
                _count++;
                return Lease.Acquired;
            }
        }

        return Lease.Rejected(TimeSpan.FromMilliseconds(_windowMs - now % _windowMs));
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, null);
        public static readonly Lease NotYet = new(false, null);

        public static Lease Rejected(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
