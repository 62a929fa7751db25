using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace MagSleep.Tests.Api;

public class SearchApiTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("melatonin", "en", "magnesium-insomnia-pathways", "pathway-melatonin")]
    [InlineData("MELATONIN", "en", "magnesium-insomnia-pathways", "pathway-melatonin")]
    [InlineData("cortisol", "en", "magnesium-insomnia-pathways", "pathway-cortisol")]
    [InlineData("kidney", "en", "magnesium-insomnia-pathways", "other-forms-and-kidneys")]
    [InlineData("褪黑素", "zh-CN", "magnesium-insomnia-pathways", "pathway-melatonin")]
    [InlineData("皮质醇", "zh-CN", "magnesium-insomnia-pathways", "pathway-cortisol")]
    [InlineData("肾", "zh-CN", "magnesium-insomnia-pathways", "other-forms-and-kidneys")]
    public async Task SearchFindsTheSectionInTheRequestedLanguage(string q, string lang, string slug, string sectionId)
    {
        var body = await _client.GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}&lang={lang}");

        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("slug").GetString() == slug && i.GetProperty("sectionId").GetString() == sectionId);
        Assert.All(items, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("heading").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("snippet").GetString()));
        });
    }

    [Fact]
    public async Task TheSnippetShowsWhereTheTermMatched()
    {
        var body = await _client.GetJsonAsync("/api/v1/search?q=cortisol");

        Assert.Contains(body.GetProperty("items").EnumerateArray(), i => i.GetProperty("snippet").GetString()!.Contains("cortisol", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AChinesePhraseWithoutSpacesMatchesByItsCharacterPairs()
    {
        var body = await _client.GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString("镁褪黑素")}&lang=zh-CN");

        Assert.Contains(body.GetProperty("items").EnumerateArray(), i => i.GetProperty("sectionId").GetString() == "pathway-melatonin");
    }

    [Fact]
    public async Task ChineseResultsAreInChinese()
    {
        var body = await _client.GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString("睡眠")}&lang=zh-CN");

        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", i.GetProperty("heading").GetString()));
    }

    [Fact]
    public async Task EveryTermMustMatch()
    {
        var body = await _client.GetJsonAsync("/api/v1/search?q=melatonin%20xylophone");

        Assert.Equal(0, body.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/v1/search")]
    [InlineData("/api/v1/search?q=")]
    [InlineData("/api/v1/search?q=%20%20")]
    public async Task ASearchWithoutAQueryIsAProblemNamingQ(string url)
    {
        var response = await _client.GetAsync(url);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    [Theory]
    [InlineData("/api/v1/search?q=melatonin&q=magnesium")]
    [InlineData("/api/v1/search?q=melatonin&q=")]
    [InlineData("/api/v1/search?q=&q=")]
    public async Task AQueryGivenTwiceIsAProblemNamingQ(string url)
    {
        var response = await _client.GetAsync(url + "&lang=zh-CN");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["此参数只能出现一次。"], problem.GetProperty("errors").GetProperty("q").EnumerateArray().Select(m => m.GetString()));
        Assert.DoesNotContain("melatonin", problem.GetRawText());
    }

    [Theory]
    [InlineData(201, 1)]
    [InlineData(33, 1)]
    [InlineData(2, 9)]
    public async Task AQueryOverALimitIsAProblemNamingQ(int termLength, int terms)
    {
        var query = string.Join(' ', Enumerable.Repeat(new string('镁', termLength), terms));

        var response = await _client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(query));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
        Assert.DoesNotContain("镁", problem.GetRawText());
    }

    [Theory]
    [InlineData(32, 1)]
    [InlineData(2, 8)]
    public async Task AQueryAtTheLimitsIsAnswered(int termLength, int terms)
    {
        var query = string.Join(' ', Enumerable.Repeat(new string('镁', termLength), terms));

        var response = await _client.GetAsync("/api/v1/search?lang=zh-CN&q=" + Uri.EscapeDataString(query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheLimitsComeFromConfiguration()
    {
        using var strict = factory.WithWebHostBuilder(b => b.UseSetting("Search:MaxTerms", "1"));

        var response = await strict.CreateClient().GetAsync("/api/v1/search?q=magnesium%20sleep");

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/v1/search?q=melatonin")]
    [InlineData("/api/v1/search?q=%E9%95%81&lang=zh-CN")]
    [InlineData("/api/v1/search?q=")]
    public async Task SearchAnswersAreNeverStoredByAnyCache(string url)
    {
        // Search terms are health data: a CDN keeping answers by URL would keep what people search for.
        var response = await _client.GetAsync(url);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.CacheControl?.Public);
        Assert.Null(response.Headers.ETag);
        Assert.DoesNotContain("Origin", response.Headers.Vary);
    }

    [Theory]
    [InlineData("melatonin", "MELATONIN", "en")]
    [InlineData("magnesium sleep", "  Magnesium\tSLEEP ", "en")]
    [InlineData("gaba", "ＧＡＢＡ", "en")]
    [InlineData("镁 睡眠", "镁　睡眠", "zh-CN")]
    public async Task QueriesWithTheSameTermsGetTheSameAnswer(string query, string sameTerms, string lang)
    {
        Assert.Equal(await Search(query, lang), await Search(sameTerms, lang));
    }

    private async Task<string> Search(string query, string lang)
    {
        var response = await _client.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(query)}&lang={lang}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
