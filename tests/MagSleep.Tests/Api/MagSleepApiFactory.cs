using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MagSleep.Tests.Api.Conformance;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MagSleep.Tests.Api;

/// <summary>
/// The real service over the real content/ folder, in the Production environment, with one partner key. Every answer
/// it gives is checked against the OpenAPI document it serves (<see cref="ResponseConformance"/>).
/// </summary>
public class MagSleepApiFactory : WebApplicationFactory<Program>
{
    public const string PartnerName = "Test Partner Ltd";
    public const string PartnerKey = "test-partner-key-7f3a9c";

    private readonly ConcurrentQueue<string> _conformanceFailures = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Content:Path", TestContent.RealContentDirectory);
        builder.UseSetting("ApiKeys:Partners:0:Name", PartnerName);
        builder.UseSetting("ApiKeys:Partners:0:KeySha256", Sha256Hex(PartnerKey));
        builder.UseSetting("RateLimits:AnonymousPerMinute", "1000000");
        builder.UseSetting("RateLimits:PartnerPerMinute", "1000000");
        builder.UseSetting("Cors:AllowedOrigins:0", "https://app.example.test");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ResponseConformance(_conformanceFailures)));
    }

    /// <summary>This service with small rate-limit budgets, on a clock frozen <paramref name="secondsIntoMinute"/> into a minute (<see cref="FrozenClock"/>).</summary>
    internal WebApplicationFactory<Program> WithRateLimits(int anonymousPerMinute, int? partnerPerMinute = null, double secondsIntoMinute = 30, Action<IWebHostBuilder>? configure = null) =>
        WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RateLimits:AnonymousPerMinute", anonymousPerMinute.ToString(CultureInfo.InvariantCulture));
            if (partnerPerMinute is not null)
            {
                builder.UseSetting("RateLimits:PartnerPerMinute", partnerPerMinute.Value.ToString(CultureInfo.InvariantCulture));
            }

            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FrozenClock(secondsIntoMinute)));
            configure?.Invoke(builder);
        });

    /// <summary>For a test that breaks the document on purpose: the failures so far, which are then not reported again.</summary>
    internal List<string> TakeConformanceFailures()
    {
        var taken = new List<string>();
        while (_conformanceFailures.TryDequeue(out var failure))
        {
            taken.Add(failure);
        }

        return taken;
    }

    /// <summary>Answers that broke the document fail here too, for those a real server had already sent.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_conformanceFailures.IsEmpty)
        {
            throw new OpenApiConformanceException(string.Join("\n\n", _conformanceFailures));
        }
    }

    public static string Sha256Hex(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
