using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace MagSleep.Api.Infrastructure.Partners;

internal static class TrustedProxies
{
    public const string Section = "Proxies:Trusted";

    /// <summary>
    /// The proxies and load balancers in front of the service (Proxies:Trusted: addresses such as "10.0.0.5" or
    /// networks such as "10.0.0.0/8"). Behind one, every client arrives from the proxy's address, so without this
    /// all anonymous callers would share one rate-limit budget. Nothing is trusted by default: a client's own
    /// X-Forwarded-For never chooses whose budget it spends.
    /// </summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var entries = configuration.GetSection(Section).Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options => Apply(entries, options));
        return services;
    }

    /// <summary>Added only when proxies are configured, so a service reached directly pays nothing per request.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        return options.KnownProxies.Count + options.KnownIPNetworks.Count == 0 ? app : app.UseForwardedHeaders();
    }

    internal static void Apply(IReadOnlyList<string> entries, ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // The framework trusts loopback out of the box; here only what the operator lists is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        // Walk X-Forwarded-For from the right for as long as each hop is a trusted proxy, so a chain of them
        // (a CDN in front of a load balancer) yields the client, and an address a client wrote itself is never reached.
        options.ForwardLimit = null;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i].Trim();
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (!entry.Contains('/') && IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new OptionsValidationException(Section, typeof(ForwardedHeadersOptions),
                    [$"{Section}:{i} (\"{entry}\") is neither an IP address nor a network such as 10.0.0.0/8."]);
            }
        }
    }
}
