using System.Net;
using MagSleep.Api.Infrastructure.Partners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MagSleep.Tests.Api;

/// <summary>
/// Each anonymous client address has a budget of one request a minute here, so a second 200 proves that two
/// requests were counted as two clients, and a 429 that they were counted as one.
/// </summary>
public class TrustedProxyTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private const string Proxy = "10.0.0.5";

    [Fact]
    public async Task ClientsBehindATrustedProxyEachGetTheirOwnBudget()
    {
        using var host = Behind(factory, trusted: [Proxy]);
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await Get(client, peer: Proxy, forwardedFor: "203.0.113.7"));
        Assert.Equal(HttpStatusCode.OK, await Get(client, peer: Proxy, forwardedFor: "203.0.113.8"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Get(client, peer: Proxy, forwardedFor: "203.0.113.7"));
    }

    [Fact]
    public async Task WithoutTrustedProxiesForwardedForIsIgnored()
    {
        using var host = Behind(factory, trusted: []);
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await Get(client, peer: Proxy, forwardedFor: "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Get(client, peer: Proxy, forwardedFor: "203.0.113.8"));
    }

    [Fact]
    public async Task AClientCannotChooseItsOwnAddressByClaimingToBeAProxy()
    {
        using var host = Behind(factory, trusted: [Proxy]);
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await Get(client, peer: "198.51.100.9", forwardedFor: "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Get(client, peer: "198.51.100.9", forwardedFor: "203.0.113.8"));
    }

    [Fact]
    public async Task AddressesWrittenBeforeTheFirstUntrustedHopAreNotBelieved()
    {
        using var host = Behind(factory, trusted: ["10.0.0.0/8"]);
        var client = host.CreateClient();

        // The client (203.0.113.7) wrote a made-up address of its own in front; the proxies appended what they saw.
        Assert.Equal(HttpStatusCode.OK, await Get(client, peer: Proxy, forwardedFor: "192.0.2.1, 203.0.113.7, 10.20.0.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Get(client, peer: Proxy, forwardedFor: "192.0.2.2, 203.0.113.7, 10.20.0.1"));
        Assert.Equal(HttpStatusCode.OK, await Get(client, peer: Proxy, forwardedFor: "203.0.113.8, 10.20.0.1"));
    }

    [Fact]
    public async Task AnIPv4ProxyIsRecognisedWhenTheServerSeesItAsIPv6()
    {
        using var host = Behind(factory, trusted: [Proxy]);
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await Get(client, peer: "::ffff:10.0.0.5", forwardedFor: "203.0.113.7"));
        Assert.Equal(HttpStatusCode.OK, await Get(client, peer: "::ffff:10.0.0.5", forwardedFor: "203.0.113.8"));
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData(",,,")]
    [InlineData("203.0.113.7:99999")]
    [InlineData("[::1]:80, ::ffff:999.1.1.1")]
    [InlineData("203.0.113.7,    , 10.20.0.1")]
    public async Task AnUnreadableForwardedForIsServedNotFailed(string forwardedFor)
    {
        using var host = Behind(factory, trusted: ["10.0.0.0/8"]);
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await Get(client, peer: Proxy, forwardedFor: forwardedFor));
    }

    [Theory]
    [InlineData("10.0.0.5", 1, 0)]
    [InlineData(" 2001:db8::1 ", 1, 0)]
    [InlineData("10.0.0.0/8", 0, 1)]
    [InlineData("2001:db8::/32", 0, 1)]
    public void EachEntryIsAnAddressOrANetwork(string entry, int proxies, int networks)
    {
        var options = new ForwardedHeadersOptions();

        TrustedProxies.Apply([entry], options);

        Assert.Equal(proxies, options.KnownProxies.Count);
        Assert.Equal(networks, options.KnownIPNetworks.Count);
        Assert.Null(options.ForwardLimit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("proxy.internal")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.5/")]
    [InlineData("/8")]
    public void AnEntryThatIsNeitherStopsStartUpNamingIt(string entry)
    {
        var failure = StartupFailure.Of(factory, b => b.UseSetting("Proxies:Trusted:0", Proxy).UseSetting("Proxies:Trusted:1", entry));

        Assert.Contains("Proxies:Trusted:1", failure);
    }

    private static WebApplicationFactory<Program> Behind(MagSleepApiFactory factory, string[] trusted) =>
        factory.WithRateLimits(anonymousPerMinute: 1, configure: b =>
        {
            for (var i = 0; i < trusted.Length; i++)
            {
                b.UseSetting($"Proxies:Trusted:{i}", trusted[i]);
            }

            b.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerFromTestHeader>());
        });

    private static async Task<HttpStatusCode> Get(HttpClient client, string peer, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        request.Headers.Add(PeerFromTestHeader.Header, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The test server has no sockets, so the address the connection came from is set from a header, ahead of the service's own pipeline.</summary>
    private sealed class PeerFromTestHeader : IStartupFilter
    {
        public const string Header = "X-Test-Peer";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[Header].ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
