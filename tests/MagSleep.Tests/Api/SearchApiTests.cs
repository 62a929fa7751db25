using System.Net;
using FsCheck;
using FsCheck.Fluent;
using MagSleep.Core.Content;

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

    [Fact]
    public async Task AnOverlongQueryIsRejected()
    {
        var response = await _client.GetAsync("/api/v1/search?q=" + new string('a', 201));

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("melatonin", "MELATONIN", "en")]
    [InlineData("magnesium sleep", "  Magnesium\tSLEEP ", "en")]
    [InlineData("gaba", "ＧＡＢＡ", "en")]
    [InlineData("镁 睡眠", "镁　睡眠", "zh-CN")]
    public async Task QueriesWithTheSameTermsShareOneTagAndOneBody(string query, string sameTerms, string lang)
    {
        var (tag, body) = await Search(query, lang);
        var (otherTag, otherBody) = await Search(sameTerms, lang);

        Assert.Equal(tag, otherTag);
        Assert.Equal(body, otherBody);
    }

    [Theory]
    [InlineData("melatonin", "en", "cortisol", "en")]
    [InlineData("magnesium", "en", "magnesium", "zh-CN")]
    [InlineData("magnesium sleep", "en", "sleep magnesium", "en")]
    [InlineData("magnesium sleep", "en", "magnesiumsleep", "en")]
    [InlineData("magnesium", "en", "magnesium magnesium", "en")]
    public async Task DifferentTermsOrLanguagesHaveDifferentTags(string query, string lang, string otherQuery, string otherLang)
    {
        var (tag, _) = await Search(query, lang);
        var (otherTag, _) = await Search(otherQuery, otherLang);

        Assert.NotEqual(tag, otherTag);
    }

    /// <summary>
    /// A search answers 304 from its tag before it runs, so a tag must stand for one body: any two queries given
    /// the same tag got the same bytes, and a query's tag is the tag of its folded terms.
    /// </summary>
    [Fact]
    public void OneTagAlwaysStandsForOneBody()
    {
        var words = new[] { "magnesium", "Sleep", "MELATONIN", "cortisol", "ＧＡＢＡ", "glycinate", "镁", "睡眠", "褪黑素", "xylophone", "mg", "the" };
        var queries =
            from terms in Gen.Elements(words).NonEmptyListOf().Select(t => t.Take(3).ToList())
            from separator in Gen.Elements(" ", "  ", "\t", "　")
            from lang in Gen.Elements("en", "zh-CN")
            select (Query: string.Join(separator, terms), Lang: lang);
        var bodies = new Dictionary<string, string>();

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), Prop.ForAll(queries.ToArbitrary(), request =>
        {
            var (tag, body) = Search(request.Query, request.Lang).GetAwaiter().GetResult();
            var (folded, _) = Search(string.Join(' ', ArticleSearch.Terms(request.Query)), request.Lang).GetAwaiter().GetResult();

            Assert.Equal(tag, folded);
            Assert.Equal(bodies.GetValueOrDefault(tag, body), body);
            bodies[tag] = body;
        }));
        Assert.True(bodies.Count > 20, $"only {bodies.Count} distinct searches were tried");
    }

    private async Task<(string Tag, string Body)> Search(string query, string lang)
    {
        var response = await _client.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(query)}&lang={lang}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.ETag!.Tag, await response.Content.ReadAsStringAsync());
    }
}
