using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace MagSleep.Tests.Api;

/// <summary>Runs only where redis-server is installed (.ci/run installs it); elsewhere it says why it was skipped.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Executable is null)
        {
            Skip = "redis-server is not installed here (apt-get install redis-server); the shared rate limiter needs a real Redis to test against.";
        }
    }
}

/// <summary>A throw-away redis-server on a free loopback port, with nothing written to disk.</summary>
public sealed class RedisServer : IDisposable
{
    public static readonly string? Executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    private readonly Process _process;

    public RedisServer()
    {
        Port = FreePort();
        _process = Process.Start(new ProcessStartInfo(Executable!, ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    public int Port { get; }

    /// <summary>Freezes the server (SIGSTOP): connections stay open and nothing answers, as with a hung Redis.</summary>
    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString()]);
        kill.WaitForExit();
    }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static int FreePort() => ServiceProcess.FreePort();

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}

public class SharedRateLimitTests
{
    /// <param name="healthyRedis">Redis stays up throughout, so a generous timeout keeps a busy test machine's slow first connect from counting as an outage.</param>
    private static WebApplicationFactory<Program> Instance(string? redis, int anonymousPerMinute, double secondsIntoMinute = 30, CapturedLogs? logs = null, int? partnerPerMinute = null, bool healthyRedis = false) =>
        new MagSleepApiFactory().WithRateLimits(anonymousPerMinute, partnerPerMinute, secondsIntoMinute, b =>
        {
            if (redis is not null)
            {
                b.UseSetting("RateLimits:Redis", redis);
                b.UseSetting("RateLimits:RedisRetryMilliseconds", "200");
                if (healthyRedis)
                {
                    b.UseSetting("RateLimits:RedisTimeoutMilliseconds", "5000");
                }
            }

            if (logs is not null)
            {
                b.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(logs));
            }
        });

    [RedisFact]
    public async Task TwoInstancesShareOneBudget()
    {
        using var redis = new RedisServer();
        using var first = Instance(redis.ConnectionString, 3, healthyRedis: true);
        using var second = Instance(redis.ConnectionString, 3, healthyRedis: true);
        var a = first.CreateClient();
        var b = second.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/api/v1/articles")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/api/v1/articles")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/api/v1/articles")).StatusCode);

        var limited = await b.GetAsync("/api/v1/articles");

        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("30", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await a.GetAsync("/api/v1/articles")).StatusCode);
    }

    [RedisFact]
    public async Task PartnersAndAnonymousCallersHaveSeparateSharedBudgets()
    {
        using var redis = new RedisServer();
        using var instance = Instance(redis.ConnectionString, 1, healthyRedis: true);
        var client = instance.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/articles")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/v1/articles")).StatusCode);
        var partner = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        partner.Headers.Add("X-Api-Key", MagSleepApiFactory.PartnerKey);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(partner)).StatusCode);
    }

    [Fact]
    public async Task WithoutRedisEachInstanceStillLimitsOnItsOwn()
    {
        using var instance = Instance($"127.0.0.1:{RedisServer.FreePort()}", 2);
        var client = instance.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/articles")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/articles")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/v1/articles")).StatusCode);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(0.4, 60)]
    [InlineData(30, 30)]
    [InlineData(44.2, 16)]
    [InlineData(59.5, 1)]
    [InlineData(59.999, 1)]
    public async Task TheRefusalSaysHowLongIsLeftOfTheWindow(double secondsIntoMinute, int retryAfter)
    {
        using var instance = Instance(null, 1, secondsIntoMinute);
        var client = instance.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/articles")).StatusCode);

        var limited = await client.GetAsync("/api/v1/articles");

        var problem = await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(retryAfter.ToString(), limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal(retryAfter, problem.GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc6585#section-4", problem.GetProperty("type").GetString());
    }

    [RedisFact]
    public async Task AHungRedisCostsOneTimeoutThenRequestsAreCountedHereWithoutWaitingAndTheOutageIsLoggedOnce()
    {
        using var redis = new RedisServer();
        var logs = new CapturedLogs();
        using var instance = Instance(redis.ConnectionString, 1000, logs: logs);
        var client = instance.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/articles")).StatusCode);

        redis.Pause();
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/articles")).StatusCode);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 40; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/articles")).StatusCode);
            }

            // Waiting the 250 ms timeout on each would take 10 s.
            Assert.InRange(clock.ElapsedMilliseconds, 0, 2500);
        }
        finally
        {
            redis.Resume();
        }

        await UntilRecovered(logs);

        Assert.Single(logs.Lines, l => l.Contains("reachable again"));
        Assert.Single(logs.Lines, l => l.StartsWith("Warning") && l.Contains("unreachable"));
    }

    [RedisFact]
    public async Task AfterRedisComesBackTheBudgetIsSharedAgain()
    {
        using var redis = new RedisServer();
        var logs = new CapturedLogs();
        using var first = Instance(redis.ConnectionString, 3, logs: logs, partnerPerMinute: 3);
        using var second = Instance(redis.ConnectionString, 3, partnerPerMinute: 3);
        var a = first.CreateClient();
        var b = second.CreateClient();
        redis.Pause();
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/api/v1/articles")).StatusCode);
        redis.Resume();
        await UntilRecovered(logs);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await (i % 2 == 0 ? a : b).SendAsync(AsPartner())).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await b.SendAsync(AsPartner())).StatusCode);
    }

    private static async Task UntilRecovered(CapturedLogs logs)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!logs.Lines.Any(l => l.Contains("reachable again")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private static HttpRequestMessage AsPartner()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        request.Headers.Add("X-Api-Key", MagSleepApiFactory.PartnerKey);
        return request;
    }
}
