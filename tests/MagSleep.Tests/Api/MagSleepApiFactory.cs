using System.Security.Cryptography;
using System.Text;
using MagSleep.Tests.Api.Conformance;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Content:Path", TestContent.RealContentDirectory);
        builder.UseSetting("ApiKeys:Partners:0:Name", PartnerName);
        builder.UseSetting("ApiKeys:Partners:0:KeySha256", Sha256Hex(PartnerKey));
        builder.UseSetting("RateLimits:AnonymousPerMinute", "1000000");
        builder.UseSetting("RateLimits:PartnerPerMinute", "1000000");
        builder.UseSetting("Cors:AllowedOrigins:0", "https://app.example.test");
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ResponseConformance>());
    }

    public static string Sha256Hex(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
