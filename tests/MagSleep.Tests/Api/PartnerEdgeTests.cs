using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace MagSleep.Tests.Api;

public class PartnerEdgeTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AKnownPartnerKeyIsAccepted()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        request.Headers.Add("X-Api-Key", MagSleepApiFactory.PartnerKey);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData("a-much-longer-key-that-is-also-wrong-0123456789")]
    [InlineData("test-partner-key-7f3a9C")]
    public async Task AWrongKeyIsRefusedNotTreatedAsAnonymous(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        request.Headers.TryAddWithoutValidation("X-Api-Key", key);

        var response = await _client.SendAsync(request);

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(key, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WrongKeysSpendTheAddressBudgetSoGuessingEndsIn429()
    {
        using var strict = factory.WithRateLimits(anonymousPerMinute: 3);
        var client = strict.CreateClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 20; i++)
        {
            var guess = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
            guess.Headers.TryAddWithoutValidation("X-Api-Key", $"guess-{i}");
            statuses.Add((await client.SendAsync(guess)).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 17)], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/v1/articles")).StatusCode);
        var partner = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        partner.Headers.Add("X-Api-Key", MagSleepApiFactory.PartnerKey);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(partner)).StatusCode);
    }

    [Theory]
    [InlineData("Partner Two", "abc123", "ApiKeys:Partners:1:KeySha256")]
    [InlineData("Partner Two", "", "ApiKeys:Partners:1:KeySha256")]
    [InlineData("Partner Two", "zz6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f", "ApiKeys:Partners:1:KeySha256")]
    [InlineData(" ", "7f3a9c6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d", "ApiKeys:Partners:1:Name")]
    public void ABrokenPartnerKeyStopsStartUpNamingIt(string name, string keySha256, string named)
    {
        var failure = StartupFailure.Of(factory, b => b
            .UseSetting("ApiKeys:Partners:1:Name", name)
            .UseSetting("ApiKeys:Partners:1:KeySha256", keySha256));

        Assert.Contains(named, failure);
    }

    [Fact]
    public async Task AnonymousCallersOverTheirLimitGet429WithRetryAfter()
    {
        using var strict = factory.WithRateLimits(anonymousPerMinute: 3);
        var client = strict.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/articles")).StatusCode);
        }

        var limited = await client.GetAsync("/api/v1/articles");

        var problem = await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(retryAfter, problem.GetProperty("retryAfterSeconds").GetInt32());
    }

    [Fact]
    public async Task APartnerHasItsOwnHigherLimit()
    {
        using var strict = factory.WithRateLimits(anonymousPerMinute: 2, partnerPerMinute: 5);
        var client = strict.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            await client.GetAsync("/api/v1/articles");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/v1/articles")).StatusCode);
        for (var i = 0; i < 5; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
            request.Headers.Add("X-Api-Key", MagSleepApiFactory.PartnerKey);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }

        var over = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        over.Headers.Add("X-Api-Key", MagSleepApiFactory.PartnerKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(over)).StatusCode);
    }

    [Fact]
    public async Task HealthIsNeverRateLimited()
    {
        using var strict = factory.WithRateLimits(anonymousPerMinute: 1);
        var client = strict.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
    }

    [Fact]
    public async Task AnAllowedOriginPassesThePreflightForPostWithApiKey()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/articles");
        preflight.Headers.Add("Origin", "https://app.example.test");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");

        var response = await _client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["https://app.example.test"], response.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        var allowedHeaders = response.Headers.GetValues("Access-Control-Allow-Headers").Single().ToLowerInvariant();
        Assert.Contains("x-api-key", allowedHeaders);
        Assert.Contains("content-type", allowedHeaders);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task AnOriginNotOnTheListGetsNoCorsHeaders()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        request.Headers.Add("Origin", "https://evil.example.test");

        var response = await _client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AnAllowedOriginCanReadTheCachingLanguageAndRetryHeaders()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        request.Headers.Add("Origin", "https://app.example.test");

        var response = await _client.SendAsync(request);

        Assert.Equal(["https://app.example.test"], response.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Equal(["ETag", "Content-Language", "Retry-After", "Age"], response.Headers.GetValues("Access-Control-Expose-Headers").Single().Split(','));
    }
}
