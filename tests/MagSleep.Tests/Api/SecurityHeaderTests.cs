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

        Assert.Equal(["Accept-Language, Accept, Accept-Encoding"], response.Headers.NonValidated["Vary"]);
        Assert.Equal(["Accept-Language", "Accept", "Accept-Encoding"], response.Headers.Vary);
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
}
