using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MagSleep.Tests.Api.Conformance;

/// <summary>
/// Every answer of every test server is checked against the served document (<see cref="ResponseConformance"/>);
/// these tests make sure each operation is asked for each of its answers, in both languages, and that the check bites.
/// </summary>
public sealed class OpenApiConformanceTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private static readonly string[] Languages = ["en", "zh-CN"];

    private static readonly string[] ContentGets =
    [
        "/api/v1/articles", "/api/v1/articles?modifiedSince=2000-01-01", "/api/v1/articles/magnesium-and-sleep", "/api/v1/articles/magnesium-insomnia-pathways",
        "/api/v1/articles/magnesium-and-sleep/sections/what-is-magnesium", "/api/v1/studies", "/api/v1/magnesium/forms", "/api/v1/magnesium/forms/glycinate",
        "/api/v1/magnesium/dose-tiers", "/api/v1/magnesium/risk-groups", "/api/v1/rules", "/api/v1/insomnia/questionnaire",
    ];

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AnAnswerTheDocumentDoesNotDeclareFailsTheRequestThatGotIt()
    {
        using var own = new MagSleepApiFactory();
        using var tampered = own.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter, Tampering>()));
        using var client = tampered.CreateClient();

        var wrongBody = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync("/api/v1/magnesium/forms/glycinate"));
        var wrongStatus = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync("/api/v1/magnesium/forms/teapot"));

        Assert.Equal(2, own.TakeConformanceFailures().Count);
        var body = Conformance(wrongBody);
        Assert.Contains("GetForm (GET /api/v1/magnesium/forms/{id}", body.Message);
        Assert.Contains("required", body.Message);
        Assert.Contains("does not declare", Conformance(wrongStatus).Message);
    }

    [Fact]
    public async Task TheCheckReadsTheDocumentAsServed()
    {
        var served = await _client.GetStringAsync("/swagger/v1/swagger.json");

        Assert.Equal(served, await ResponseConformance.ServedDocument(factory.Services));
    }

    [Fact]
    public async Task EveryContentAnswerConformsInBothLanguagesAndAsEveryRepresentation()
    {
        foreach (var url in ContentGets)
        {
            foreach (var language in Languages)
            {
                var separator = url.Contains('?') ? '&' : '?';
                var ok = await _client.GetAsync($"{url}{separator}lang={language}");
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

                using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
                conditional.Headers.AcceptLanguage.ParseAdd(language);
                conditional.Headers.IfNoneMatch.Add(ok.Headers.ETag!);
                conditional.Headers.Accept.ParseAdd("application/json");
                var notModified = await _client.SendAsync(conditional);
                Assert.True(notModified.StatusCode is HttpStatusCode.NotModified or HttpStatusCode.OK, $"{url}: {(int)notModified.StatusCode}");

                using var head = new HttpRequestMessage(HttpMethod.Head, $"{url}{separator}lang={language}");
                Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(head)).StatusCode);

                using var compressed = new HttpRequestMessage(HttpMethod.Get, $"{url}{separator}lang={language}");
                compressed.Headers.AcceptEncoding.ParseAdd("br");
                Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(compressed)).StatusCode);
            }
        }

        foreach (var (url, media) in new[] { ("/api/v1/articles/magnesium-and-sleep", "application/ld+json"), ("/api/v1/articles/magnesium-insomnia-pathways", "application/ld+json"), ("/api/v1/insomnia/questionnaire", "application/fhir+json") })
        {
            foreach (var language in Languages)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"{url}?lang={language}");
                request.Headers.Accept.ParseAdd(media);
                var response = await _client.SendAsync(request);
                Assert.Equal(media, response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task EveryProblemConformsInBothLanguages()
    {
        foreach (var language in Languages)
        {
            await Expect(HttpStatusCode.NotFound, _client.GetAsync($"/api/v1/articles/nope?lang={language}"));
            await Expect(HttpStatusCode.NotFound, _client.GetAsync($"/api/v1/articles/magnesium-and-sleep/sections/nope?lang={language}"));
            await Expect(HttpStatusCode.NotFound, _client.GetAsync($"/api/v1/magnesium/forms/nope?lang={language}"));
            await Expect(HttpStatusCode.BadRequest, _client.GetAsync($"/api/v1/search?q=&lang={language}"));
            await Expect(HttpStatusCode.BadRequest, _client.GetAsync($"/api/v1/articles?modifiedSince=yesterday&lang={language}"));
            foreach (var url in new[] { "/api/v1/insomnia/assessments", "/api/v1/magnesium/dose-checks", "/api/v1/guidance" })
            {
                await Expect(HttpStatusCode.BadRequest, _client.PostRawAsync(url, "{}", language));
                await Expect(HttpStatusCode.BadRequest, _client.PostRawAsync(url, "{\"age\":", language));
                await Expect(HttpStatusCode.BadRequest, _client.PostRawAsync(url, "{\"unknown\":1}", language));
                await Expect(HttpStatusCode.UnsupportedMediaType, _client.PostAsync($"{url}?lang={language}", new StringContent("{}", Encoding.UTF8, "text/plain")));
            }

            foreach (var url in new[] { "/api/v1/articles", "/api/v1/search?q=sleep", "/health/live", "/health/ready", "/api/v1/rules" })
            {
                using var wrongKey = new HttpRequestMessage(HttpMethod.Get, url);
                wrongKey.Headers.Add("X-Api-Key", "not-a-key");
                wrongKey.Headers.AcceptLanguage.ParseAdd(language);
                await Expect(HttpStatusCode.Unauthorized, _client.SendAsync(wrongKey));
            }
        }
    }

    /// <summary>Only a real server refuses a body by its size; its answers are checked here rather than by the middleware, whose failure Kestrel would only log.</summary>
    [Fact]
    public async Task ABodyTooLargeConforms()
    {
        using var kestrel = new KestrelApiFactory();
        using var client = kestrel.CreateSocketClient();
        var documented = DocumentedResponses.For(await client.GetStringAsync("/swagger/v1/swagger.json"));

        foreach (var url in new[] { "/api/v1/insomnia/assessments", "/api/v1/magnesium/dose-checks", "/api/v1/guidance" })
        {
            var response = await client.PostRawAsync(url, new string(' ', 17 * 1024) + "{}", "zh-CN");

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Null(documented.Check("POST", url, 413, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsByteArrayAsync()));
        }
    }

    [Fact]
    public async Task ARateLimitedAnswerConformsWithItsRetryAfter()
    {
        using var limited = factory.WithRateLimits(anonymousPerMinute: 1);
        using var client = limited.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/magnesium/forms")).StatusCode);
        var refused = await client.PostRawAsync("/api/v1/magnesium/dose-checks", "{\"amountMg\":200,\"age\":40}");

        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task SearchAndHealthConform()
    {
        foreach (var language in Languages)
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/v1/search?q=melatonin&lang={language}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/v1/search?q=%E9%95%81&lang={language}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task TheExplorerStartsInEnglishWithExamplesThatFindSomething()
    {
        var document = await _client.GetJsonAsync("/swagger/v1/swagger.json");
        var search = document.GetProperty("paths").GetProperty("/api/v1/search").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "q").GetProperty("example").GetString();

        var found = await _client.GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString(search!)}");

        Assert.NotEmpty(found.GetProperty("items").EnumerateArray());
        foreach (var (path, method, operation) in Operations(document))
        {
            foreach (var parameter in operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray() : default)
            {
                var name = parameter.GetProperty("name").GetString();
                var where = $"{method} {path} {name}";
                Assert.False(name == "lang" && parameter.TryGetProperty("example", out _), where);
                Assert.True(parameter.GetProperty("in").GetString() != "path" || parameter.TryGetProperty("example", out _), where);
            }
        }
    }

    [Fact]
    public async Task EveryOperationDeclaresTheKeyTheLimitAndItsProblems()
    {
        var document = await _client.GetJsonAsync("/swagger/v1/swagger.json");

        Assert.Equal(["Articles", "Search", "Screening", "Magnesium", "Guidance", "Rules", "Health"], document.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("/", document.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Contains(document.GetProperty("security").EnumerateArray(), s => !s.EnumerateObject().Any());
        Assert.Equal("X-Api-Key", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString());
        foreach (var (path, method, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out _), $"{method} {path}");
            Assert.Equal(!path.StartsWith("/health"), responses.TryGetProperty("429", out var limited));
            if (!path.StartsWith("/health"))
            {
                Assert.True(limited.GetProperty("headers").TryGetProperty("Retry-After", out _));
            }
        }

        foreach (var (path, operationId, example) in new[] { ("/api/v1/insomnia/assessments", "AssessInsomnia", "insomnia-pattern"), ("/api/v1/magnesium/dose-checks", "CheckDose", "consult-clinician"), ("/api/v1/guidance", "BuildGuidancePlan", "consult-clinician") })
        {
            var operation = document.GetProperty("paths").GetProperty(path).GetProperty("post");
            Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
            Assert.True(operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("examples").TryGetProperty(example, out _), $"{operationId} {example}");
        }

        var plan = document.GetProperty("paths").GetProperty("/api/v1/guidance").GetProperty("post").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("examples").GetProperty("consult-clinician").GetProperty("value").GetProperty("plan");
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("dailyRangeMg").ValueKind);
        var range = document.GetProperty("components").GetProperty("schemas").GetProperty("GuidancePlan").GetProperty("properties").GetProperty("dailyRangeMg");
        Assert.Contains(range.GetProperty("oneOf").EnumerateArray(), s => s.TryGetProperty("type", out var t) && t.GetString() == "null");
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => (p.Name, o.Name, o.Value)));

    private static async Task Expect(HttpStatusCode status, Task<HttpResponseMessage> sent) => await (await sent).ProblemAsync(status);

    private static OpenApiConformanceException Conformance(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is OpenApiConformanceException found)
            {
                return found;
            }
        }

        throw new Xunit.Sdk.XunitException($"Not a conformance failure: {e}");
    }

    /// <summary>Inside the conformance check: answers GetForm with a body and a status the document does not declare.</summary>
    private sealed class Tampering : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                switch (context.Request.Path.Value)
                {
                    case "/api/v1/magnesium/forms/glycinate":
                        context.Response.ContentType = "application/json";
                        await context.Response.WriteAsync("""{"id":"glycinate"}""");
                        return;
                    case "/api/v1/magnesium/forms/teapot":
                        context.Response.StatusCode = 418;
                        return;
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
