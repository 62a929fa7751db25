using StackExchange.Redis;

namespace MagSleep.Api.Infrastructure.Partners;

/// <summary>
/// Window counts in Redis, shared by every instance, behind a circuit breaker: after one failure (Redis dead, or
/// hung past the timeout) every instance counts on its own at no wait, Redis is probed in the background, and the
/// outage is logged once when it starts and once when it ends.
/// </summary>
internal sealed partial class SharedWindowCounter : IAsyncDisposable
{
    private readonly Task<ConnectionMultiplexer> _connecting;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _retry;
    private readonly ILogger<SharedWindowCounter> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _broken;

    public SharedWindowCounter(RateLimitOptions limits, ILogger<SharedWindowCounter> logger)
    {
        _timeout = TimeSpan.FromMilliseconds(limits.RedisTimeoutMilliseconds);
        _retry = TimeSpan.FromMilliseconds(limits.RedisRetryMilliseconds);
        _logger = logger;
        var options = ConfigurationOptions.Parse(limits.Redis!);
        // Start even while Redis is down, and fail a command at once rather than queue it until it reconnects.
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.AsyncTimeout = options.SyncTimeout = limits.RedisTimeoutMilliseconds;
        _connecting = ConnectionMultiplexer.ConnectAsync(options);
    }

    public bool IsAvailable => Volatile.Read(ref _broken) == 0;

    /// <summary>Counts a hit in a window that expires by itself; null when Redis did not answer in time.</summary>
    public async Task<long?> TryIncrementAsync(string key, TimeSpan window)
    {
        try
        {
            var database = (await _connecting.WaitAsync(_timeout)).GetDatabase();
            var batch = database.CreateBatch();
            var count = batch.StringIncrementAsync(key);
            _ = batch.KeyExpireAsync(key, window, ExpireWhen.HasNoExpiry, CommandFlags.FireAndForget);
            batch.Execute();
            // The library's own timeout is checked on a heartbeat, so a hung Redis is cut off here, on time.
            return await count.WaitAsync(_timeout);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            if (Interlocked.Exchange(ref _broken, 1) == 0)
            {
                Unavailable(_logger, e.GetType().Name);
                _ = ProbeUntilBackAsync();
            }

            return null;
        }
    }

    private async Task ProbeUntilBackAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_retry, _stopping.Token);
                await (await _connecting.WaitAsync(_timeout)).GetDatabase().PingAsync().WaitAsync(_timeout, _stopping.Token);
                Volatile.Write(ref _broken, 0);
                Recovered(_logger);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_connecting.IsCompletedSuccessfully)
        {
            await _connecting.Result.DisposeAsync();
        }

        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Shared rate limit store unreachable ({Error}); each instance limits on its own until it answers again")]
    private static partial void Unavailable(ILogger logger, string error);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Shared rate limit store reachable again; budgets are shared")]
    private static partial void Recovered(ILogger logger);
}
