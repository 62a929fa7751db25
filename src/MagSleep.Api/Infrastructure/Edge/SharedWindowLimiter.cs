using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace MagSleep.Api.Infrastructure.Edge;

/// <summary>
/// A fixed-window limiter whose counter lives in Redis, so every instance of the service shares one budget per
/// partition. If Redis cannot be reached the instance falls back to its own in-memory window: still limited,
/// just per instance, and the outage is logged.
/// </summary>
internal sealed partial class SharedWindowLimiter(
    RedisCounter redis, string partition, int permits, TimeSpan window, TimeProvider clock, ILogger logger) : RateLimiter
{
    private readonly RateLimiter _fallback = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
    });

    private long _lastUsed = Stopwatch.GetTimestamp();

    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Never answers synchronously: the middleware then asks <see cref="AcquireAsyncCore"/>, which asks Redis.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = (long)window.TotalMilliseconds;
        try
        {
            var count = await redis.IncrementAsync($"magsleep:ratelimit:{partition}:{now / windowMs}", window, cancellationToken);
            return count <= permits ? Lease.Acquired : Lease.Rejected(TimeSpan.FromMilliseconds(windowMs - now % windowMs));
        }
        catch (Exception e) when (e is IOException or SocketException or FormatException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            RedisUnavailable(logger, e.GetType().Name);
            return await _fallback.AcquireAsync(permitCount, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Shared rate limit store unreachable ({Error}); limiting this instance on its own")]
    private static partial void RedisUnavailable(ILogger logger, string error);

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
