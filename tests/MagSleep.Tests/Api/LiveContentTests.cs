using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MagSleep.Tests.Api;

public sealed class LiveContentTests : IDisposable
{
    private const string EnglishFile = "articles/magnesium-and-sleep/en.json";
    private readonly TempContent _content = TestContent.Copy();
    private readonly LogCapturingApiFactory _logged = new();
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;

    public LiveContentTests()
    {
        _factory = _logged.WithWebHostBuilder(b => b
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

        // The public answer names the kind of problem; which file and what is wrong with it are for the operator's log.
        Assert.Equal("content-invalid", degraded.GetProperty("reason").GetString());
        Assert.DoesNotContain(EnglishFile, degraded.ToString());
        Assert.DoesNotContain(_content.Root, degraded.ToString());
        Assert.Contains(_logged.Logs.Lines, line => line.Contains("Content edit refused") && line.Contains(EnglishFile) && line.Contains("sectionz"));
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

    [Fact]
    public async Task AnyFailureWhileReadingAnEditIsARefusedEdit()
    {
        var goodVersion = (await Ready()).GetProperty("contentVersion").GetString();

        // A null inside a list passes the serializer and used to throw NullReferenceException in the loader.
        _content.Edit(EnglishFile, json => json.Replace("\"keyPoints\": [", "\"keyPoints\": [null, "));
        var degraded = await WaitFor(r => r.GetProperty("status").GetString() == "degraded");

        Assert.Equal("content-invalid", degraded.GetProperty("reason").GetString());
        Assert.Equal(goodVersion, degraded.GetProperty("contentVersion").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/v1/articles/magnesium-and-sleep")).StatusCode);
        // The watcher may first catch the file half-written (refused for that), and read the whole edit a moment later.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_logged.Logs.Lines.Any(RefusedForTheNull) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Contains(_logged.Logs.Lines, RefusedForTheNull);

        static bool RefusedForTheNull(string line) => line.Contains("Content edit refused") && line.Contains("$.sections[0].keyPoints[0]");
    }

    [Fact]
    public async Task AProblemTextEditIsServedWithoutARestartAndABrokenOneIsRefused()
    {
        const string ProblemsFile = "messages/problems.json";
        var version = (await Ready()).GetProperty("contentVersion").GetString();

        _content.Edit(ProblemsFile, json => SetText(SetText(json, "detail.not-found", "en", "Nothing is served at this address."), "field.body-required", "en", "Send the request as a JSON body."));
        await WaitFor(r => r.GetProperty("contentVersion").GetString() != version && r.GetProperty("status").GetString() == "ready");

        Assert.Equal("Nothing is served at this address.", await NotFoundDetail());
        Assert.Equal("Send the request as a JSON body.", await EmptyBodyError());

        var edited = (await Ready()).GetProperty("contentVersion").GetString();
        _content.Edit(ProblemsFile, json => json.Replace("\"zh-CN\": \"此地址下没有内容。\"", "\"zh-TW\": \"此地址下沒有內容。\""));
        var degraded = await WaitFor(r => r.GetProperty("status").GetString() == "degraded");

        Assert.Equal(edited, degraded.GetProperty("contentVersion").GetString());
        Assert.Contains(_logged.Logs.Lines, line => line.Contains("Content edit refused") && line.Contains(ProblemsFile));
        Assert.Equal("Nothing is served at this address.", await NotFoundDetail());
        Assert.Equal("Send the request as a JSON body.", await EmptyBodyError());

        async Task<string?> NotFoundDetail()
        {
            var answer = await _client.GetAsync("/api/v1/no-such-thing");
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            return (await answer.JsonAsync()).GetProperty("detail").GetString();
        }

        async Task<string?> EmptyBodyError()
        {
            var answer = await _client.PostAsync("/api/v1/insomnia/assessments", new StringContent("", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            return (await answer.JsonAsync()).GetProperty("errors").GetProperty("body")[0].GetString();
        }
    }

    [FifoFact]
    public async Task AFifoInPlaceOfAContentFileIsRefusedWithoutHoldingUpTheNextEdit()
    {
        const string FormsFile = "rules/forms.json";
        var version = (await Ready()).GetProperty("contentVersion").GetString();
        var forms = File.ReadAllBytes(_content.PathOf(FormsFile));
        var fifo = _content.Root + ".fifo";
        using (var mkfifo = System.Diagnostics.Process.Start(FifoFactAttribute.Mkfifo!, fifo))
        {
            mkfifo.WaitForExit();
        }

        // Renamed over the file, so no reload can see the file merely missing.
        File.Move(fifo, _content.PathOf(FormsFile), overwrite: true);
        var degraded = await WaitFor(r => r.GetProperty("status").GetString() == "degraded");

        Assert.Equal("content-invalid", degraded.GetProperty("reason").GetString());
        Assert.Equal(version, degraded.GetProperty("contentVersion").GetString());
        Assert.Contains(_logged.Logs.Lines, line => line.Contains("Content edit refused") && line.Contains(FormsFile) && line.Contains("not a regular file"));

        File.Delete(_content.PathOf(FormsFile));
        File.WriteAllBytes(_content.PathOf(FormsFile), forms);
        await WaitFor(r => r.GetProperty("status").GetString() == "ready" && r.GetProperty("contentVersion").GetString() == version);
    }

    private static string SetText(string json, string key, string language, string text)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        node[key]![language] = text;
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [Theory]
    [InlineData("articles/magnesium-and-sleep/.en.json.swp")]
    [InlineData("articles/magnesium-and-sleep/en.json~")]
    [InlineData("articles/magnesium-and-sleep/#en.json#")]
    [InlineData("articles/magnesium-and-sleep/.#en.json")]
    [InlineData("rules/.dose.json.swp")]
    [InlineData("rules/.#dose.json")]
    [InlineData("rules/dose.json~")]
    [InlineData("notes.txt")]
    [InlineData("backup-2026-11.json")]
    [InlineData(".DS_Store")]
    [InlineData("articles/.hidden/en.json")]
    public async Task FilesThatAreNotContentChangeNoETagAndMarkNothingDegraded(string stray)
    {
        var before = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep");
        var version = (await Ready()).GetProperty("contentVersion").GetString();
        var path = _content.PathOf(stray);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{ half-typed");

        // A real edit after the stray file, so a reload is known to have read the folder with the stray file in it.
        var original = File.ReadAllText(_content.PathOf(EnglishFile));
        _content.Edit(EnglishFile, json => ReplaceTitle(json, "Edited beside a stray file"));
        await WaitFor(r => r.GetProperty("contentVersion").GetString() != version);
        File.WriteAllText(_content.PathOf(EnglishFile), original);
        var ready = await WaitFor(r => r.GetProperty("contentVersion").GetString() == version);

        Assert.Equal("ready", ready.GetProperty("status").GetString());
        var after = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep");
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
    }

    private static string ReplaceTitle(string json, string title)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        node["title"] = title;
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private Task<JsonElement> Ready() => _client.GetJsonAsync("/health/ready");

    private Task<JsonElement> WaitFor(Func<JsonElement, bool> condition) => _client.WaitForReadyAsync(condition);

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _logged.Dispose();
        _content.Dispose();
    }
}

/// <summary>Runs only where mkfifo is installed (any Linux); elsewhere it says why it was skipped.</summary>
public sealed class FifoFactAttribute : FactAttribute
{
    public static readonly string? Mkfifo = new[] { "/usr/bin/mkfifo", "/bin/mkfifo" }.FirstOrDefault(File.Exists);

    public FifoFactAttribute()
    {
        if (Mkfifo is null)
        {
            Skip = "mkfifo is not installed here; a FIFO in the content folder cannot be made to test against.";
        }
    }
}
