using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using MagSleep.Api.Infrastructure.Content;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MagSleep.Tests.Api;

/// <summary>
/// Breaks the content one value at a time while the service serves: every file deleted, emptied and truncated, and,
/// in each file, values chosen with a fixed seed set to null, the wrong type, empty, huge, negative or deleted.
/// Whatever an edit holds, nothing answers 5xx and the host keeps running.
/// </summary>
public sealed class ContentMutationTests : IDisposable
{
    /// <summary>Sampled, not exhaustive: the files hold a few thousand values, and every mutation waits for a reload.</summary>
    private const int ValuesPerFile = 10;

    private static readonly string[] Gets =
    [
        "/api/v1/articles", "/api/v1/articles/magnesium-and-sleep", "/api/v1/articles/magnesium-insomnia-pathways?lang=zh-CN",
        "/api/v1/articles/magnesium-and-sleep/sections/what-is-magnesium", "/api/v1/search?q=magnesium", "/api/v1/search?q=%E9%95%81",
        "/api/v1/studies", "/api/v1/rules", "/api/v1/magnesium/forms", "/api/v1/magnesium/forms/glycinate", "/api/v1/magnesium/dose-tiers",
        "/api/v1/magnesium/risk-groups", "/api/v1/insomnia/questionnaire", "/", "/health/ready",
    ];

    private static readonly (string Url, string Body)[] Posts =
    [
        ("/api/v1/insomnia/assessments", """{"sleepOnsetMinutes":45,"nightWakings":2,"nightsPerWeek":4,"durationDays":60}"""),
        ("/api/v1/magnesium/dose-checks", """{"amountMg":250,"age":40}"""),
        ("/api/v1/magnesium/dose-checks", """{"amountMg":500,"age":8,"form":"glycinate"}"""),
        ("/api/v1/guidance", """{"sleep":{"sleepOnsetMinutes":45,"nightWakings":2,"nightsPerWeek":4,"durationDays":60},"profile":{"age":40}}"""),
        ("/api/v1/guidance", """{"sleep":{"sleepOnsetMinutes":10,"nightWakings":0,"nightsPerWeek":1,"durationDays":5},"profile":{"age":70,"medications":["diuretics"]},"dose":{"amountMg":300}}"""),
    ];

    private readonly TempContent _content = TestContent.Copy();
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;
    private readonly ContentStore _store;

    public ContentMutationTests()
    {
        _factory = new MagSleepApiFactory().WithWebHostBuilder(b => b
            .UseSetting("Content:Path", _content.Root)
            .UseSetting("Content:ReloadDelayMilliseconds", "40"));
        _client = _factory.CreateClient();
        _store = _factory.Services.GetRequiredService<ContentStore>();
    }

    [Fact]
    public async Task NoEditOfAnyContentFileProducesA5xxOrStopsTheService()
    {
        var originalVersion = _store.Current.Version;
        var failures = new ConcurrentQueue<string>();
        var current = "(none yet)";
        using var stop = new CancellationTokenSource();
        var background = Task.Run(() => Hammer(failures, () => current, stop.Token));
        var mutations = Mutations(_content.Root).ToList();
        string? previousFile = null;
        var accepted = 0;

        foreach (var (file, description, apply) in mutations)
        {
            current = $"{file}: {description}";
            var before = (_store.Current, _store.Rejected);
            if (previousFile is not null)
            {
                Restore(previousFile);
            }

            apply();
            previousFile = file;
            await ReloadedSince(before, current);

            // A refused edit leaves the last good content serving, which the background requests keep trying;
            // an accepted one is new content, so every endpoint is asked once.
            if (_store.Rejected is null)
            {
                accepted++;
                await Probe(failures, current);
            }
        }

        stop.Cancel();
        await background;
        var last = (_store.Current, _store.Rejected);
        Restore(previousFile!);
        await ReloadedSince(last, "restoring " + previousFile);

        Assert.True(failures.IsEmpty, $"{failures.Count} answers were 5xx or failed:\n{string.Join("\n", failures.Take(20))}");
        Assert.False(_factory.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        var ready = await _client.GetJsonAsync("/health/ready");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(originalVersion, ready.GetProperty("contentVersion").GetString());
        Assert.True(mutations.Count > 100, $"only {mutations.Count} mutations");
        Assert.InRange(accepted, 1, mutations.Count - 1);
    }

    /// <summary>Whole-file breakages of every content file, then sampled values of each.</summary>
    private static IEnumerable<(string File, string Description, Action Apply)> Mutations(string root)
    {
        var random = new Random(20261202);
        // Problem texts are read once at start-up (a broken file stops it), so an edit of them is never read while serving.
        var files = Directory.GetFiles(root, "*.json", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(root, file).StartsWith("messages", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file);
            var bytes = File.ReadAllBytes(file);
            yield return (relative, "deleted", () => File.Delete(file));
            yield return (relative, "emptied", () => File.WriteAllBytes(file, []));
            yield return (relative, "truncated", () => File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]));
            yield return (relative, "not an object", () => File.WriteAllText(file, "[]"));
        }

        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file);
            var text = File.ReadAllText(file);
            var original = JsonNode.Parse(text)!;
            var values = Values(original).ToList();
            foreach (var path in values.OrderBy(_ => random.Next()).Take(ValuesPerFile).Select(v => v.Path))
            {
                var kind = Kinds[random.Next(Kinds.Length)];
                var document = JsonNode.Parse(text)!;
                Mutate(document, path, kind);
                // Emptying a value that is already empty is no edit at all, so there is nothing to read.
                if (JsonNode.DeepEquals(document, original))
                {
                    continue;
                }

                var mutated = document.ToJsonString();
                yield return (relative, $"{path} {kind}", () => File.WriteAllText(file, mutated));
            }
        }
    }

    /// <summary>
    /// Long enough to be far beyond any real value. Not longer: the search index sorts suffixes by comparison, so one
    /// run of a repeated character costs time quadratic in its length (about 20 s for 200,000 on this machine).
    /// </summary>
    private const int HugeText = 20_000;

    private static readonly string[] Kinds = ["null", "wrong type", "empty", "huge", "negative", "deleted"];

    /// <summary>Every value in the document with its path of property names and indexes.</summary>
    private static IEnumerable<(string Path, JsonNode? Node)> Values(JsonNode node, string path = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    yield return ($"{path}/{name}", child);
                    if (child is not null)
                    {
                        foreach (var inner in Values(child, $"{path}/{name}"))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return ($"{path}/{i}", array[i]);
                    if (array[i] is { } child)
                    {
                        foreach (var inner in Values(child, $"{path}/{i}"))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }

    private static void Mutate(JsonNode document, string path, string kind)
    {
        var steps = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = steps[..^1].Aggregate(document, (node, step) => node is JsonArray a ? a[int.Parse(step)]! : node[step]!);
        var last = steps[^1];
        var old = parent is JsonArray list ? list[int.Parse(last)] : parent[last];
        JsonNode? replacement = kind switch
        {
            "null" => null,
            "wrong type" => old switch
            {
                JsonValue v when v.TryGetValue<string>(out _) => JsonValue.Create(42),
                JsonValue v when v.TryGetValue<bool>(out _) => JsonValue.Create("yes"),
                JsonValue => JsonValue.Create("42"),
                JsonArray => new JsonObject(),
                _ => JsonValue.Create("text"),
            },
            "empty" => old switch
            {
                JsonArray => new JsonArray(),
                JsonObject => new JsonObject(),
                JsonValue v when v.TryGetValue<string>(out _) => JsonValue.Create(""),
                JsonValue v when v.TryGetValue<bool>(out _) => JsonValue.Create(false),
                _ => JsonValue.Create(0),
            },
            "huge" => old switch
            {
                JsonArray a when a.Count > 0 => new JsonArray([.. Enumerable.Range(0, 300).Select(_ => a[0]?.DeepClone())]),
                JsonValue v when v.TryGetValue<string>(out _) => JsonValue.Create(new string('x', HugeText)),
                JsonValue v when v.TryGetValue<bool>(out _) => JsonValue.Create(1e308),
                JsonValue => JsonValue.Create(1e308),
                _ => JsonValue.Create(new string('x', HugeText)),
            },
            "negative" => old is JsonValue n && n.TryGetValue<double>(out var number) ? JsonValue.Create(-Math.Abs(number) - 1) : JsonValue.Create(-1),
            _ => null,
        };

        switch (parent, kind)
        {
            case (JsonArray array, "deleted"):
                array.RemoveAt(int.Parse(last));
                break;
            case (JsonObject obj, "deleted"):
                obj.Remove(last);
                break;
            case (JsonArray array, _):
                array[int.Parse(last)] = replacement;
                break;
            default:
                parent[last] = replacement;
                break;
        }
    }

    private void Restore(string relative)
    {
        var target = _content.PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(TestContent.RealContentDirectory, relative), target, overwrite: true);
    }

    /// <summary>Waits for the watcher to have read the folder since <paramref name="before"/>: a new version served, or a new refusal.</summary>
    private async Task ReloadedSince((MagSleep.Core.Content.ContentSnapshot Current, RejectedEdit? Rejected) before, string edit)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (ReferenceEquals(_store.Current, before.Current) && ReferenceEquals(_store.Rejected, before.Rejected))
        {
            var stopping = _factory.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;
            Assert.True(DateTime.UtcNow < deadline, $"{edit}: the edit was never read (the host is {(stopping ? "stopping" : "running")})");
            await Task.Delay(10);
        }
    }

    private async Task Probe(ConcurrentQueue<string> failures, string mutation)
    {
        foreach (var url in Gets)
        {
            await Check(failures, mutation, "GET " + url, () => _client.GetAsync(url));
        }

        foreach (var (url, body) in Posts)
        {
            await Check(failures, mutation, "POST " + url, () => _client.PostRawAsync(url, body));
        }
    }

    private async Task Hammer(ConcurrentQueue<string> failures, Func<string> mutation, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var (url, body) = Posts[i % Posts.Length];
            await Check(failures, mutation(), "POST " + url, () => _client.PostRawAsync(url, body));
            await Check(failures, mutation(), "GET " + Gets[i % Gets.Length], () => _client.GetAsync(Gets[i % Gets.Length]));
        }
    }

    private static async Task Check(ConcurrentQueue<string> failures, string mutation, string request, Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            if ((int)response.StatusCode >= 500)
            {
                var body = await response.Content.ReadAsStringAsync();
                failures.Enqueue($"{mutation} -> {request}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            failures.Enqueue($"{mutation} -> {request}: {e.GetType().Name} {e.Message}");
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _content.Dispose();
    }
}
