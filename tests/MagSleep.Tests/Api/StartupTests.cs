using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;

namespace MagSleep.Tests.Api;

public class StartupTests
{
    [Fact]
    public void TheServiceRefusesToStartOnBrokenContent()
    {
        using var content = TestContent.Copy();
        content.Edit("articles/magnesium-and-sleep/zh-CN.json", json => json.Replace("\"title\"", "\"titel\""));
        using var factory = new MagSleepApiFactory().WithWebHostBuilder(b => b.UseSetting("Content:Path", content.Root));

        // The host is stopped and disposed before it ever listens, so there is no server to create a client for.
        Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());
    }

    [Fact]
    public async Task TheProcessPrintsOneClearLineAndExitsWhenContentIsBroken()
    {
        using var content = TestContent.Copy();
        content.Edit("articles/magnesium-insomnia-pathways/en.json", json => json.Replace("\"heading\": \"", "\"heading\": 42, \"x\": \""));
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "MagSleep.Api.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Content__Path"] = content.Root, ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        var all = await output + await errors;
        var line = Assert.Single(all.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("articles/magnesium-insomnia-pathways/en.json", line);
        Assert.Contains("$.sections[0].heading", line);
        Assert.Contains("\"level\":\"Fatal\"", line);
        Assert.DoesNotContain("   at ", line);
    }
}
