using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MagSleep.Tests.Api;

public sealed class LiveContentTests : IDisposable
{
    private const string EnglishFile = "articles/magnesium-and-sleep/en.json";
    private readonly TempContent _content = TestContent.Copy();
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;

    public LiveContentTests()
    {
        _factory = new MagSleepApiFactory().WithWebHostBuilder(b => b
            .UseSetting("Content:Path", _content.Root)
            .UseSetting("Content:ReloadDelayMilliseconds", "50"));
        _client = _factory.CreateClient();
    }

    [Fact]
    public async Task AnEditIsServedWithANewETagWithoutARestart()
    {
        var before = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep");
        var versionBefore = (await Ready()).GetProperty("contentVersion").GetString();

        _content.Edit(EnglishFile, json => ReplaceTitle(json, "Magnesium and sleep, revised"));
        var ready = await WaitFor(r => r.GetProperty("contentVersion").GetString() != versionBefore);

        Assert.Equal("ready", ready.GetProperty("status").GetString());
        var after = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep");
        Assert.Equal("Magnesium and sleep, revised", (await after.JsonAsync()).GetProperty("title").GetString());
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);

        var stale = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/magnesium-and-sleep");
        stale.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(stale)).StatusCode);

        Assert.Contains("Magnesium and sleep, revised", await (await _client.GetAsync("/api/v1/search?q=magnesium")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABrokenEditIsRefusedAndTheLastGoodVersionKeepsServing()
    {
        var good = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep");
        var goodTitle = (await good.JsonAsync()).GetProperty("title").GetString();
        var goodVersion = (await Ready()).GetProperty("contentVersion").GetString();
        var original = File.ReadAllText(_content.PathOf(EnglishFile));

        _content.Edit(EnglishFile, json => json.Replace("\"sections\"", "\"sectionz\""));
        var degraded = await WaitFor(r => r.GetProperty("status").GetString() == "degraded");

        Assert.Contains(EnglishFile, degraded.GetProperty("reason").GetString());
        Assert.Equal(goodVersion, degraded.GetProperty("contentVersion").GetString());
        var still = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        Assert.Equal(goodTitle, (await still.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(good.Headers.ETag, still.Headers.ETag);

        File.WriteAllText(_content.PathOf(EnglishFile), ReplaceTitle(original, "Fixed title"));
        var recovered = await WaitFor(r => r.GetProperty("status").GetString() == "ready");

        Assert.Equal(JsonValueKind.Null, recovered.GetProperty("reason").ValueKind);
        Assert.Equal("Fixed title", (await _client.GetJsonAsync("/api/v1/articles/magnesium-and-sleep")).GetProperty("title").GetString());
    }

    private static string ReplaceTitle(string json, string title)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        node["title"] = title;
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private Task<JsonElement> Ready() => _client.GetJsonAsync("/health/ready");

    private async Task<JsonElement> WaitFor(Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var ready = await Ready();
            if (condition(ready))
            {
                return ready;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/health/ready never reached the expected state; last: {ready}");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _content.Dispose();
    }
}
