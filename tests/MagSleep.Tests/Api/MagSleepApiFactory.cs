using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MagSleep.Tests.Api;

/// <summary>The real service over the real content/ folder, in the Production environment.</summary>
public class MagSleepApiFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Content:Path", TestContent.RealContentDirectory);
    }
}
