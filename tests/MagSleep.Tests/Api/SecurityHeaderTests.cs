using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace MagSleep.Tests.Api;

public class SecurityHeaderTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/api/v1/articles")]
    [InlineData("/api/v1/articles/no-such-article")]
    [InlineData("/api/v1/search")]
    [InlineData("/health/live")]
    [InlineData("/swagger/index.html")]
    [InlineData("/")]
    [InlineData("/app.js")]
    public async Task EveryResponseCarriesTheProtectiveHeadersAndNoServerBanner(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(["no-referrer"], response.Headers.GetValues("Referrer-Policy"));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("/api/v1/articles/magnesium-and-sleep")]
    [InlineData("/api/v1/articles/no-such-article")]
    [InlineData("/api/v1/search?q=magnesium")]
    [InlineData("/health/ready")]
    public async Task ApiAnswersAreDataThatMayLoadNothing(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(["default-src 'none'; frame-ancestors 'none'"], response.Headers.GetValues("Content-Security-Policy"));
    }

    [Fact]
    public async Task AContentAnswerNamesEverythingItVariesByInOneHeader()
    {
        var response = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep");

        Assert.Equal(["Accept-Language, Accept, Accept-Encoding, Origin"], response.Headers.NonValidated["Vary"]);
        Assert.Equal(["Accept-Language", "Accept", "Accept-Encoding", "Origin"], response.Headers.Vary);
    }

    /// <summary>A POST answer is no-store, so no shared cache keeps it and it need not vary by Origin.</summary>
    [Theory]
    [InlineData("""{"amountMg":250,"age":40}""", HttpStatusCode.OK)]
    [InlineData("""{"amountMg":250}""", HttpStatusCode.BadRequest)]
    public async Task APostAnswerIsNoStoreAndDoesNotVaryByOrigin(string body, HttpStatusCode status)
    {
        var response = await _client.PostRawAsync("/api/v1/magnesium/dose-checks", body);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.DoesNotContain("Origin", response.Headers.Vary);
    }

    [Theory]
    [InlineData("/api/v1/articles", null)]
    [InlineData("/api/v1/articles", "https://app.example.test")]
    [InlineData("/api/v1/articles/magnesium-and-sleep", "https://elsewhere.example.test")]
    [InlineData("/api/v1/articles?modifiedSince=2020-01-01", null)]
    [InlineData("/api/v1/rules", null)]
    [InlineData("/app.js", null)]
    [InlineData("/api/v1/articles/no-such-article", null)]
    public async Task WithCorsOnEveryCacheableAnswerVariesByOrigin(string url, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        var response = await _client.SendAsync(request);
        var revalidated = new HttpRequestMessage(HttpMethod.Get, url);
        if (response.Headers.ETag is { } etag)
        {
            revalidated.Headers.IfNoneMatch.Add(etag);
            if (origin is not null)
            {
                revalidated.Headers.Add("Origin", origin);
            }

            Assert.Equal(1, (await _client.SendAsync(revalidated)).Headers.Vary.Count(v => v == "Origin"));
        }

        Assert.Equal(1, response.Headers.Vary.Count(v => v == "Origin"));
    }

    [Fact]
    public async Task WithoutCorsNothingVariesByOrigin()
    {
        using var noCors = factory.WithWebHostBuilder(b =>
        {
            foreach (var i in Enumerable.Range(0, 3))
            {
                b.UseSetting($"Cors:AllowedOrigins:{i}", "");
            }
        });
        var client = noCors.CreateClient();

        var response = await client.GetAsync("/api/v1/articles/magnesium-and-sleep");

        Assert.Equal(["Accept-Language", "Accept", "Accept-Encoding"], response.Headers.Vary);
    }

    [Fact]
    public async Task ACachedAnswerCarriesTheCorsHeadersOfTheOriginThatAsks()
    {
        var allowed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/studies");
        allowed.Headers.Add("Origin", "https://app.example.test");
        Assert.Equal(["https://app.example.test"], (await _client.SendAsync(allowed)).Headers.GetValues("Access-Control-Allow-Origin"));

        var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/studies");
        other.Headers.Add("Origin", "https://elsewhere.example.test");
        var none = await _client.GetAsync("/api/v1/studies");

        Assert.False((await _client.SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(none.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    public async Task TheReferencePageRunsOnlyItsOwnCodeAndIsRevalidatedOnEveryLoad(string url, string mediaType)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task TheExplorerCanBeSwitchedOff()
    {
        using var off = factory.WithWebHostBuilder(b => b.UseSetting("OpenApi:Enabled", "false"));
        var client = off.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/swagger/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/swagger/v1/swagger.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/articles")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/articles")]
    [InlineData("/health/live")]
    public async Task AHostThatAllowedHostsDoesNotListGetsA400WithoutAnHtmlPage(string url)
    {
        using var listed = factory.WithWebHostBuilder(b => b.UseSetting("AllowedHosts", "magsleep.example"));
        var client = listed.CreateClient();

        using var elsewhere = new HttpRequestMessage(HttpMethod.Get, url);
        elsewhere.Headers.Host = "evil.example";
        var refused = await client.SendAsync(elsewhere);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Empty(await refused.Content.ReadAsByteArrayAsync());
        Assert.Null(refused.Content.Headers.ContentType);

        using var here = new HttpRequestMessage(HttpMethod.Get, url);
        here.Headers.Host = "magsleep.example";
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(here)).StatusCode);
    }
}
