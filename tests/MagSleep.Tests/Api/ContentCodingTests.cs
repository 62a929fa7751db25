using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace MagSleep.Tests.Api;

public class ContentCodingTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private const string Article = "/api/v1/articles/magnesium-and-sleep";

    // The test client sends no Accept-Encoding and decompresses nothing, so each test sees the bytes as sent.
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string?, string> CachedContentInEachCoding()
    {
        var data = new TheoryData<string, string?, string>();
        (string Url, string? Accept)[] responses =
        [
            ("/api/v1/articles", null),
            (Article, null),
            (Article + "?lang=zh-CN", null),
            (Article, "application/ld+json"),
            (Article + "/sections/what-is-magnesium", null),
            ("/api/v1/magnesium/forms?lang=zh-CN", null),
            ("/api/v1/magnesium/dose-tiers", null),
            ("/api/v1/magnesium/risk-groups", null),
            ("/api/v1/rules", null),
            ("/api/v1/studies", null),
        ];
        foreach (var (url, accept) in responses)
        {
            data.Add(url, accept, "br");
            data.Add(url, accept, "gzip");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CachedContentInEachCoding))]
    public async Task CachedContentIsSentCompressedAsTheSameBytesUnderItsOwnTag(string url, string? accept, string coding)
    {
        var plain = await Send(HttpMethod.Get, url, null, accept: accept);
        var compressed = await Send(HttpMethod.Get, url, coding, accept: accept);

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal(accept ?? "application/json", compressed.Content.Headers.ContentType?.MediaType);
        Assert.Equal([coding], compressed.Content.Headers.ContentEncoding);
        var sent = await compressed.Content.ReadAsByteArrayAsync();
        Assert.Equal(sent.Length, compressed.Content.Headers.ContentLength);
        var original = await plain.Content.ReadAsByteArrayAsync();
        Assert.True(sent.Length < original.Length, $"{coding} sent {sent.Length} bytes for a {original.Length}-byte body");
        Assert.Equal(original, Decompress(coding, sent));
        Assert.False(compressed.Headers.ETag!.IsWeak);
        Assert.NotEqual(plain.Headers.ETag, compressed.Headers.ETag);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);
        Assert.Equal(plain.Content.Headers.ContentType, compressed.Content.Headers.ContentType);
        Assert.Equal(plain.Content.Headers.ContentLanguage, compressed.Content.Headers.ContentLanguage);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("br", "br")]
    [InlineData("BR", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("x-gzip", "gzip")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("gzip;q=1.0, br;q=0.5", "gzip")]
    [InlineData("gzip;q=0.5, br;q=0.5", "br")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("br;q=0, gzip;q=0", null)]
    [InlineData("*", "br")]
    [InlineData("*;q=0", null)]
    [InlineData("br;q=0, *", "gzip")]
    [InlineData("gzip;q=0.2, *;q=0.8", "br")]
    [InlineData("identity", null)]
    [InlineData("identity, br;q=0.5", null)]
    [InlineData("identity;q=0.5, br", "br")]
    [InlineData("br, identity", "br")]
    [InlineData("identity;q=0, gzip;q=0.1", "gzip")]
    [InlineData("deflate", null)]
    [InlineData("zstd", null)]
    [InlineData("", null)]
    [InlineData("br;q=high", null)]
    [InlineData(";;;,,,", null)]
    [InlineData("br;q=2", null)]
    public async Task TheCodingIsTheAcceptedOneWithTheHighestQValueBrotliFirst(string? acceptEncoding, string? expected)
    {
        var response = await GetWithAcceptEncoding(Article, acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await response.Content.ReadAsByteArrayAsync();
        var slug = System.Text.Json.JsonDocument.Parse(expected is null ? sent : Decompress(expected, sent)).RootElement.GetProperty("slug").GetString();
        Assert.Equal("magnesium-and-sleep", slug);
        Assert.Equal(expected is null ? [] : [expected], response.Content.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task AClientRevalidatesTheCodingItHolds(string coding)
    {
        var plainTag = (await _client.GetAsync(Article)).Headers.ETag!;
        var compressed = await GetWithAcceptEncoding(Article, coding);
        var compressedTag = compressed.Headers.ETag!;

        var same = await Send(HttpMethod.Get, Article, coding, compressedTag);
        var otherCoding = await Send(HttpMethod.Get, Article, coding, plainTag);
        var nowWithout = await Send(HttpMethod.Get, Article, null, compressedTag);

        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Equal(compressedTag, same.Headers.ETag);
        Assert.Equal(compressed.Headers.Vary, same.Headers.Vary);
        Assert.Empty(same.Content.Headers.ContentEncoding);
        Assert.Empty(await same.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, otherCoding.StatusCode);
        Assert.Equal([coding], otherCoding.Content.Headers.ContentEncoding);
        Assert.Equal(HttpStatusCode.OK, nowWithout.StatusCode);
        Assert.Empty(nowWithout.Content.Headers.ContentEncoding);
        Assert.Equal(plainTag, nowWithout.Headers.ETag);
    }

    [Fact]
    public async Task ASmallBodyIsSentAsItIs()
    {
        const string Url = "/api/v1/magnesium/forms/glycinate";
        var plain = await _client.GetAsync(Url);
        var response = await GetWithAcceptEncoding(Url, "br, gzip");

        Assert.True((await plain.Content.ReadAsByteArrayAsync()).Length < 1024);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(plain.Headers.ETag, response.Headers.ETag);
        Assert.DoesNotContain("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnswersThatCarryWhatTheClientSentAreNeverCompressed()
    {
        // A search's snippets and a POST's answer hold the client's own words or health answers; compressing them
        // next to anything secret is what BREACH measures, and each is made for one request anyway.
        var search = await GetWithAcceptEncoding("/api/v1/search?q=magnesium%20sleep%20melatonin", "br, gzip");
        var filtered = await GetWithAcceptEncoding("/api/v1/articles?modifiedSince=2020-01-01", "br, gzip");
        var guidance = new HttpRequestMessage(HttpMethod.Post, "/api/v1/guidance")
        {
            Content = new StringContent(
                """{"sleep":{"sleepOnsetMinutes":50,"nightWakings":1,"nightsPerWeek":5,"durationDays":45},"profile":{"age":42,"sex":"female"},"dose":{"amountMg":250}}""",
                System.Text.Encoding.UTF8,
                "application/json"),
        };
        guidance.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        var answer = await _client.SendAsync(guidance);

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Empty(search.Content.Headers.ContentEncoding);
        Assert.True((await search.Content.ReadAsByteArrayAsync()).Length > 1024);
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        Assert.Empty(filtered.Content.Headers.ContentEncoding);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True((await answer.Content.ReadAsByteArrayAsync()).Length > 1024);
        Assert.Empty(answer.Content.Headers.ContentEncoding);
    }

    private Task<HttpResponseMessage> GetWithAcceptEncoding(string url, string? acceptEncoding) => Send(HttpMethod.Get, url, acceptEncoding);

    private Task<HttpResponseMessage> Send(HttpMethod method, string url, string? acceptEncoding, EntityTagHeaderValue? ifNoneMatch = null, string? accept = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return _client.SendAsync(request);
    }

    private static byte[] Decompress(string coding, byte[] sent)
    {
        using var input = new MemoryStream(sent);
        using Stream decoder = coding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
