using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MagSleep.Tests.Api;

public class LanguageAndCachingTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>Rule 11: a lang that is not one tag would silently answer in the default language, so it is refused, cached answer or not.</summary>
    [Theory]
    [InlineData("/api/v1/magnesium/forms?lang=zh-CN", "/api/v1/magnesium/forms?lang=zh-CN&lang=zh-CN", "只能出现一次")]
    [InlineData("/api/v1/magnesium/forms?lang=zh-CN", "/api/v1/magnesium/forms?lang=zh-CN,en", "一个语言标签")]
    [InlineData("/api/v1/magnesium/forms?lang=zh-CN", "/api/v1/magnesium/forms?lang=zh-CN%20", "一个语言标签")]
    [InlineData("/api/v1/magnesium/forms?lang=zh-CN", "/api/v1/magnesium/forms?lang=", "一个语言标签")]
    [InlineData("/api/v1/articles/magnesium-and-sleep?lang=zh-CN", "/api/v1/articles/magnesium-and-sleep?lang=%20zh-CN", "一个语言标签")]
    [InlineData("/api/v1/search?q=magnesium&lang=zh-CN", "/api/v1/search?q=magnesium&lang=zh-CN;q=1", "一个语言标签")]
    public async Task ALangThatIsNotOneTagIsAProblemNamingIt(string asked, string url, string says)
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(asked)).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        var problem = await (await _client.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(says, problem.GetProperty("errors").GetProperty("lang")[0].GetString());
    }

    /// <summary>Rule 11 on every endpoint: a query parameter its handler reads, given twice, is a 400 naming it, whatever the route.</summary>
    [Fact]
    public async Task EveryQueryParameterAnEndpointReadsIsRefusedWhenGivenTwice()
    {
        var routeValues = new Dictionary<string, string> { ["slug"] = "magnesium-and-sleep", ["sectionId"] = "what-is-magnesium", ["id"] = "glycinate" };
        var asked = new List<string>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.FirstOrDefault();
            var path = string.Join('/', endpoint.RoutePattern.RawText!.TrimEnd('/').Split('/')
                .Select(segment => segment.StartsWith('{') ? routeValues[segment.Trim('{', '}')] : segment));
            foreach (var name in endpoint.Metadata.OfType<IParameterBindingMetadata>()
                .Select(p => p.ParameterInfo.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.FromQueryAttribute), false) is [Microsoft.AspNetCore.Mvc.FromQueryAttribute query] ? query.Name ?? p.Name : null)
                .OfType<string>())
            {
                var value = name switch { "lang" => "en", "_format" => "json", _ => "magnesium" };
                using var request = new HttpRequestMessage(new HttpMethod(method!), $"{path}?{name}={value}&{name}={value}");
                request.Headers.AcceptLanguage.ParseAdd("zh-CN");

                var problem = await (await _client.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);

                Assert.Equal(["此参数只能出现一次。"], problem.GetProperty("errors").GetProperty(name).EnumerateArray().Select(e => e.GetString()));
                asked.Add($"{method} {path} {name}");
            }
        }

        Assert.Contains("GET /api/v1/search q", asked);
        Assert.Contains("GET /api/v1/articles modifiedSince", asked);
        Assert.Contains("POST /api/v1/guidance lang", asked);
        Assert.Contains("GET /api/v1/insomnia/questionnaire _format", asked);
    }

    [Fact]
    public async Task AParameterNoEndpointReadsMayBeRepeated()
    {
        var response = await _client.GetAsync("/api/v1/magnesium/forms?lang=zh-CN&_=1&_=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["zh-CN"], response.Content.Headers.ContentLanguage);
    }

    [Fact]
    public async Task AWellFormedTagThatIsNotServedGetsTheDefaultLanguage()
    {
        var response = await _client.GetAsync("/api/v1/magnesium/forms?lang=fr");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["en"], response.Content.Headers.ContentLanguage);
    }

    /// <summary>Ids and slugs are exact: an answer kept for the lower-case address is not served for another case.</summary>
    [Theory]
    [InlineData("/api/v1/magnesium/forms/glycinate", "/api/v1/magnesium/forms/GLYCINATE")]
    [InlineData("/api/v1/articles/magnesium-and-sleep", "/api/v1/articles/Magnesium-And-Sleep")]
    [InlineData("/api/v1/articles/magnesium-and-sleep/sections/what-is-magnesium", "/api/v1/articles/magnesium-and-sleep/sections/What-Is-Magnesium")]
    public async Task AnAddressInAnotherCaseIsA404EvenAfterTheRightOneWasCached(string right, string otherCase)
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(right)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(right)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(otherCase)).StatusCode);
    }

    [Theory]
    [InlineData(null, null, "en")]
    [InlineData("zh-CN", null, "zh-CN")]
    [InlineData("zh", null, "zh-CN")]
    [InlineData("zh-Hans", null, "zh-CN")]
    [InlineData("ZH-cn", null, "zh-CN")]
    [InlineData("en", "zh-CN", "en")]
    [InlineData("fr", "zh-CN", "en")]
    [InlineData(null, "zh-CN", "zh-CN")]
    [InlineData(null, "zh-Hans,en;q=0.5", "zh-CN")]
    [InlineData(null, "en;q=0.4, zh;q=0.8", "zh-CN")]
    [InlineData(null, "zh;q=0.3, en-GB;q=0.9", "en")]
    [InlineData(null, "fr-FR, de;q=0.9", "en")]
    [InlineData(null, "fr-FR, zh-CN;q=0.2", "zh-CN")]
    [InlineData(null, "zh-CN;q=0, en;q=0.1", "en")]
    [InlineData(null, "zh-TW", "en")]
    [InlineData(null, "*", "en")]
    public async Task LangWinsOverAcceptLanguageWhoseQValuesCount(string? lang, string? acceptLanguage, string expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/magnesium-and-sleep" + (lang is null ? "" : $"?lang={lang}"));
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([expected], response.Content.Headers.ContentLanguage);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        var article = await response.JsonAsync();
        Assert.Equal(expected, article.GetProperty("language").GetString());
        var title = article.GetProperty("title").GetString()!;
        if (expected == "zh-CN")
        {
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", title);
        }
        else
        {
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", title);
        }
    }

    [Theory]
    [InlineData("/api/v1/articles")]
    [InlineData("/api/v1/articles/magnesium-and-sleep")]
    [InlineData("/api/v1/articles/magnesium-and-sleep/sections/what-is-magnesium")]
    [InlineData("/api/v1/articles?modifiedSince=2026-01-01")]
    [InlineData("/api/v1/articles/magnesium-and-sleep?lang=zh-CN&unrelated=1")]
    [InlineData("/api/v1/studies")]
    [InlineData("/api/v1/studies?lang=zh-CN")]
    [InlineData("/api/v1/rules")]
    [InlineData("/api/v1/magnesium/forms")]
    [InlineData("/api/v1/magnesium/forms/glycinate")]
    [InlineData("/api/v1/magnesium/dose-tiers")]
    [InlineData("/api/v1/magnesium/risk-groups")]
    [InlineData("/api/v1/insomnia/questionnaire")]
    public async Task ContentCarriesAStrongETagAndAnswers304WhenTheClientHasIt(string url)
    {
        var first = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.True(first.Headers.CacheControl?.Public);
        Assert.True(first.Headers.CacheControl?.MaxAge > TimeSpan.Zero);

        var second = await SendWithIfNoneMatch(HttpMethod.Get, url, etag);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    [InlineData("Mon, 01 Jan 2024 00:00:00 GMT")]
    [InlineData("now")]
    public async Task IfModifiedSinceIsIgnoredSinceAnswersCarryNoModificationDate(string date)
    {
        const string Url = "/api/v1/articles/magnesium-and-sleep";
        var first = await _client.GetAsync(Url);
        Assert.False(first.Content.Headers.Contains("Last-Modified"));
        var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.TryAddWithoutValidation("If-Modified-Since", date == "now" ? DateTimeOffset.UtcNow.AddMinutes(1).ToString("R") : date);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AKeptAnswerIsNeverSentOlderThanItsMaxAge()
    {
        using var shortLived = factory.WithWebHostBuilder(host => host.UseSetting("Content:MaxAgeSeconds", "1"));
        using var client = shortLived.CreateClient();
        const string Url = "/api/v1/rules";
        var first = await client.GetAsync(Url);
        Assert.Equal(TimeSpan.FromSeconds(1), first.Headers.CacheControl?.MaxAge);

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        var later = await client.GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.True(later.Headers.Age is null || later.Headers.Age <= later.Headers.CacheControl?.MaxAge, $"Age {later.Headers.Age} with max-age 1 s");
    }

    [Fact]
    public async Task AtMaxAgeZeroNothingIsKeptAndRevalidationStillAnswers304()
    {
        using var uncached = factory.WithWebHostBuilder(host => host.UseSetting("Content:MaxAgeSeconds", "0"));
        using var client = uncached.CreateClient();
        const string Url = "/api/v1/rules";
        var first = await client.GetAsync(Url);
        var second = await client.GetAsync(Url);
        using var revalidation = new HttpRequestMessage(HttpMethod.Get, Url);
        revalidation.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var notModified = await client.SendAsync(revalidation);

        Assert.Equal(TimeSpan.Zero, first.Headers.CacheControl?.MaxAge);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        // The output cache sends an Age with every answer it kept.
        Assert.Null(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(first.Headers.ETag, notModified.Headers.ETag);
    }

    [Theory]
    [InlineData("/api/v1/articles/magnesium-and-sleep?lang=zh-CN")]
    [InlineData("/")]
    public async Task NotModifiedCarriesOnlyWhatUpdatesTheStoredResponse(string url)
    {
        var first = await _client.GetAsync(url);
        var second = await SendWithIfNoneMatch(HttpMethod.Get, url, first.Headers.ETag!);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(first.Headers.CacheControl, second.Headers.CacheControl);
        Assert.Equal(first.Headers.Vary, second.Headers.Vary);
        // The stored 200 keeps these: a 304 that repeated them would only add bytes to every revalidation.
        Assert.True(first.Headers.Contains("Content-Security-Policy"));
        foreach (var kept in new[] { "Content-Language", "Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy" })
        {
            Assert.False(second.Headers.NonValidated.Contains(kept) || second.Content.Headers.NonValidated.Contains(kept), kept);
        }
    }

    [Fact]
    public void EveryRouteThatDeclaresA304IsKeptByTheOutputCache()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var declaring = endpoints.Where(e => e.Metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == StatusCodes.Status304NotModified)).ToList();

        Assert.True(declaring.Count >= 8, $"only {declaring.Count} routes declare a 304");
        Assert.All(declaring, e => Assert.True(e.Metadata.OfType<IOutputCachePolicy>().Any(), $"{e.RoutePattern.RawText} declares a 304 but is not cached"));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task TheCurrentETagIs304EvenWhenTheCacheHasNoEntryForIt(string method)
    {
        const string Url = "/api/v1/magnesium/forms?lang=zh-CN";
        var etag = (await _client.GetAsync(Url)).Headers.ETag!;
        await factory.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync("content", CancellationToken.None);

        var response = await SendWithIfNoneMatch(new HttpMethod(method), Url, etag);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        Assert.False(response.Content.Headers.NonValidated.Contains("Content-Language"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AStaleETagGetsTheFullBody()
    {
        var response = await SendWithIfNoneMatch(HttpMethod.Get, "/api/v1/articles/magnesium-and-sleep", new EntityTagHeaderValue("\"not-the-current-version\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("magnesium-and-sleep", (await response.JsonAsync()).GetProperty("slug").GetString());
    }

    [Theory]
    [InlineData("{0}", HttpStatusCode.NotModified)]
    [InlineData("W/{0}", HttpStatusCode.NotModified)]
    [InlineData("\"older\", {0}", HttpStatusCode.NotModified)]
    [InlineData("\"older\",W/{0}", HttpStatusCode.NotModified)]
    [InlineData("*", HttpStatusCode.NotModified)]
    [InlineData("\"older\"", HttpStatusCode.OK)]
    [InlineData("W/\"older\", \"oldest\"", HttpStatusCode.OK)]
    public async Task IfNoneMatchComparesTagsWeaklyAndAcceptsListsAndAStar(string ifNoneMatch, HttpStatusCode expected)
    {
        const string Url = "/api/v1/articles/magnesium-and-sleep";
        var current = (await _client.GetAsync(Url)).Headers.ETag!.Tag;
        var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.TryAddWithoutValidation("If-None-Match", string.Format(System.Globalization.CultureInfo.InvariantCulture, ifNoneMatch, current));

        var response = await _client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(current, response.Headers.ETag!.Tag);
        Assert.Equal(expected == HttpStatusCode.OK, (await response.Content.ReadAsByteArrayAsync()).Length > 0);
    }

    [Theory]
    [InlineData("/api/v1/articles?modifiedSince=2026-01-01", "/api/v1/articles?modifiedSince=2999-01-01")]
    [InlineData("/api/v1/articles/magnesium-and-sleep", "/api/v1/articles/magnesium-and-sleep?lang=zh-CN")]
    [InlineData("/api/v1/articles/magnesium-and-sleep?lang=zh-CN", "/api/v1/articles/magnesium-and-sleep?lang=en")]
    public async Task TheCacheKeepsEachAnswerApart(string url, string otherUrl)
    {
        var first = await _client.GetAsync(url);
        var other = await _client.GetAsync(otherUrl);
        var again = await _client.GetAsync(url);

        Assert.NotEqual(await first.Content.ReadAsStringAsync(), await other.Content.ReadAsStringAsync());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
    }

    [Fact]
    public async Task EachLanguageHasItsOwnETag()
    {
        var en = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep?lang=en");
        var zh = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep?lang=zh-CN");

        Assert.NotEqual(en.Headers.ETag, zh.Headers.ETag);
    }

    [Fact]
    public async Task TheETagOfOneLanguageDoesNotSatisfyTheOther()
    {
        var en = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep?lang=en");
        var response = await SendWithIfNoneMatch(HttpMethod.Get, "/api/v1/articles/magnesium-and-sleep?lang=zh-CN", en.Headers.ETag!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ChineseIsServedAsReadableUtf8()
    {
        var response = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep?lang=zh-CN");

        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.DoesNotContain("\\u", raw);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", raw);
    }

    private Task<HttpResponseMessage> SendWithIfNoneMatch(HttpMethod method, string url, EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.IfNoneMatch.Add(etag);
        return _client.SendAsync(request);
    }
}

/// <summary>HEAD over a real Kestrel, which is what leaves the body out.</summary>
public class HeadRequestTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    private readonly HttpClient _client = factory.CreateSocketClient();

    [Theory]
    [InlineData("/api/v1/articles/magnesium-and-sleep")]
    [InlineData("/api/v1/articles?lang=zh-CN")]
    [InlineData("/api/v1/magnesium/forms")]
    [InlineData("/api/v1/articles?modifiedSince=2026-01-01")]
    [InlineData("/api/v1/rules")]
    public async Task HeadGivesTheSameHeadersAsGetWithoutTheBody(string url)
    {
        var get = await _client.GetAsync(url);
        var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentLanguage, head.Content.Headers.ContentLanguage);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
    }

    /// <summary>A probe may send HEAD. The answer is computed, so it may leave out the Content-Length the GET has.</summary>
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task AHealthProbeMaySendHead(string url)
    {
        var get = await _client.GetAsync(url);
        var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AGetAfterAHeadStillGetsTheBody()
    {
        const string Url = "/api/v1/articles/magnesium-insomnia-pathways/sections/pathway-cortisol";
        await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url));

        var get = await _client.GetAsync(Url);

        Assert.Equal("pathway-cortisol", (await get.JsonAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task HeadWithTheCurrentETagIsNotModified()
    {
        var etag = (await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/articles/magnesium-and-sleep"))).Headers.ETag!;
        var response = await SendWithIfNoneMatch(HttpMethod.Head, "/api/v1/articles/magnesium-and-sleep", etag);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task HeadGivesTheCompressedLengthWithoutTheBody()
    {
        const string Url = "/api/v1/articles/magnesium-and-sleep";
        var get = await Send(HttpMethod.Get, Url, "br");
        var head = await Send(HttpMethod.Head, Url, "br");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(["br"], head.Content.Headers.ContentEncoding);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal((await get.Content.ReadAsByteArrayAsync()).Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string url, string acceptEncoding)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return _client.SendAsync(request);
    }

    private Task<HttpResponseMessage> SendWithIfNoneMatch(HttpMethod method, string url, EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.IfNoneMatch.Add(etag);
        return _client.SendAsync(request);
    }
}
