using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

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

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}

public class SharedRateLimitTests
{
    /// <summary>Mid-minute, so the few requests of a test never straddle two windows.</summary>
    private sealed class FrozenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 21, 10, 30, 30, TimeSpan.Zero);
    }

    private static WebApplicationFactory<Program> Instance(string redis, int anonymousPerMinute) =>
        new MagSleepApiFactory().WithWebHostBuilder(b => b
            .UseSetting("RateLimits:Redis", redis)
            .UseSetting("RateLimits:AnonymousPerMinute", anonymousPerMinute.ToString())
            .ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FrozenClock())));

    [RedisFact]
    public async Task TwoInstancesShareOneBudget()
    {
        using var redis = new RedisServer();
        using var first = Instance(redis.ConnectionString, 3);
        using var second = Instance(redis.ConnectionString, 3);
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
        using var instance = Instance(redis.ConnectionString, 1);
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
}
