using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MagSleep.Tests.Api;

public sealed class MetricsTests : IDisposable
{
    private const string EnglishFile = "articles/magnesium-and-sleep/en.json";
    private readonly TempContent _content = TestContent.Copy();

    [Fact]
    public async Task MetricsAreNotServedUnlessTurnedOn()
    {
        using var factory = new MagSleepApiFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("http_server_request_duration", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("none", false)]
    [InlineData("Metrics:OtlpEndpoint", true)]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", true)]
    [InlineData("Metrics:Prometheus", true)]
    public void MetricsAreCollectedOnlyWhenAnExporterIsConfigured(string setting, bool collected)
    {
        using var factory = new MagSleepApiFactory().WithWebHostBuilder(b =>
        {
            if (setting != "none")
            {
                b.UseSetting(setting, setting == "Metrics:Prometheus" ? "true" : "http://127.0.0.1:4317");
            }
        });
        using var client = factory.CreateClient();

        Assert.Equal(collected, factory.Services.GetService<OpenTelemetry.Metrics.MeterProvider>() is not null);
    }

    [Fact]
    public async Task AScraperIsNotRateLimitedAndDoesNotSpendTheAddressBudget()
    {
        using var factory = new MagSleepApiFactory().WithWebHostBuilder(b => b
            .UseSetting("Metrics:Prometheus", "true")
            .UseSetting("RateLimits:AnonymousPerMinute", "2"));
        using var client = factory.CreateClient();

        for (var scrape = 0; scrape < 5; scrape++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/studies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/studies")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/v1/studies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task TurnedOnTheyCountRequestsByRouteAndStatusAndContentReloadsByOutcome()
    {
        using var factory = new MagSleepApiFactory().WithWebHostBuilder(b => b
            .UseSetting("Metrics:Prometheus", "true")
            .UseSetting("Content:Path", _content.Root)
            .UseSetting("Content:ReloadDelayMilliseconds", "50"));
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/articles/magnesium-and-sleep")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/articles/no-such-article-qzx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/search?q=restlesslegsqzx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostRawAsync("/api/v1/magnesium/dose-checks", """{"amountMg":271,"age":53}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostRawAsync("/api/v1/magnesium/dose-checks", """{"amountMg":"qzx","age":53}""")).StatusCode);
        var wrongKey = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        wrongKey.Headers.Add("X-Api-Key", "not-a-key-qzx");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrongKey)).StatusCode);

        var first = (await client.GetJsonAsync("/health/ready")).GetProperty("contentVersion").GetString();
        Edit(node => node["title"] = "Retitled");
        var second = await client.WaitForReadyAsync(r => r.GetProperty("contentVersion").GetString() != first);
        Edit(node => node["sections"] = null);
        await client.WaitForReadyAsync(r => r.GetProperty("status").GetString() == "degraded");

        var metrics = await client.GetStringAsync("/metrics");

        Assert.Contains("http_route=\"/api/v1/articles/{slug}\"", metrics);
        Assert.Matches("http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"404\"[^}]*http_route=\"/api/v1/articles/\\{slug\\}\"", metrics);
        Assert.Matches("http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"401\"[^}]*http_route=\"/api/v1/articles\"", metrics);
        Assert.DoesNotContain("http_route=\"/api/v1/articles/\"", metrics);
        Assert.Contains("http_route=\"/api/v1/magnesium/dose-checks\"", metrics);
        Assert.Matches("http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"400\"[^}]*http_route=\"/api/v1/magnesium/dose-checks\"", metrics);
        // The watcher may catch an edit half-written and refuse it before reading it whole, so a count can exceed one.
        Assert.Matches("magsleep_content_reloads_total\\{[^}]*outcome=\"accepted\"[^}]*\\} [1-9]", metrics);
        Assert.Matches("magsleep_content_reloads_total\\{[^}]*outcome=\"refused\"[^}]*\\} [1-9]", metrics);
        Assert.Matches($"magsleep_content_version\\{{[^}}]*content_version=\"{second.GetProperty("contentVersion").GetString()}\"[^}}]*\\}} 1", metrics);
        // What a caller sent never becomes a label: not the path's value, the search terms or the key.
        Assert.DoesNotContain("qzx", metrics);
    }

    private void Edit(Action<JsonNode> change)
    {
        var path = _content.PathOf(EnglishFile);
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        change(node);
        File.WriteAllText(path, node.ToJsonString());
    }

    public void Dispose() => _content.Dispose();
}
