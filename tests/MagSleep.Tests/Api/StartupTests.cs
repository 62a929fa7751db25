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
        using var process = StartService(content.Root, "http://127.0.0.1:0");
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

    [Theory]
    [InlineData("/api/v1/insomnia/assessments", """{"sleepOnsetMinutes":45,"nightWakings":2,"nightsPerWeek":4,"durationDays":60}""")]
    [InlineData("/api/v1/magnesium/dose-checks", """{"amountMg":250,"age":40}""")]
    [InlineData("/api/v1/guidance", """{"sleep":{"sleepOnsetMinutes":45,"nightWakings":2,"nightsPerWeek":4,"durationDays":60},"profile":{"age":40}}""")]
    public async Task AFreshProcessAnswersAPostAsItsVeryFirstRequest(string url, string body)
    {
        // In a shared test host something has always been serialized already; only a new process shows
        // whether the first computed answer depends on an earlier request having warmed the serializer.
        var port = FreePort();
        using var process = StartService(TestContent.RealContentDirectory, $"http://127.0.0.1:{port}");
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            await WaitUntilListening(port);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            var response = await client.PostRawAsync(url, body);

            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, text);
            Assert.Equal(text.Length > 0 ? System.Text.Encoding.UTF8.GetByteCount(text) : -1, response.Content.Headers.ContentLength);
            Assert.Contains("\"ruleSetVersion\"", text);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The built service as its own process in Production, with its output redirected for the test to read.</summary>
    private static Process StartService(string contentRoot, string urls) =>
        Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "MagSleep.Api.dll"), "--urls", urls])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Content__Path"] = contentRoot, ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        })!;

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilListening(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
