using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace MagSleep.Tests.Api;

internal static class StartupFailure
{
    /// <summary>
    /// Starts the service configured by <paramref name="configure"/>, expecting it to refuse to start, and returns the
    /// one critical line it logged (the process exits with 1 instead of throwing, so the reason is only in the log).
    /// </summary>
    public static string Of(WebApplicationFactory<Program> factory, Action<IWebHostBuilder> configure)
    {
        var logs = new CapturedLogs();
        using var broken = factory.WithWebHostBuilder(b =>
        {
            configure(b);
            b.ConfigureServices(services => services.AddSingleton<ILogEventSink>(logs));
        });

        // The host is stopped and disposed before it ever listens, so there is no server to create a client for.
        Assert.ThrowsAny<InvalidOperationException>(() => broken.CreateClient());
        return Assert.Single(logs.Lines, line => line.StartsWith("Fatal", StringComparison.Ordinal));
    }
}
