using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MagSleep.Tests.Api;

/// <summary>
/// The service behind a real Kestrel on a free loopback port, for what only a real server does: leave the body out of
/// a HEAD answer, parse a chunked request body.
/// </summary>
public sealed class KestrelApiFactory : MagSleepApiFactory
{
    public KestrelApiFactory() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    public Uri Address
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    /// <summary>A client that decompresses nothing, so a test sees the bytes as sent.</summary>
    public HttpClient CreateSocketClient() => new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = Address };
}
