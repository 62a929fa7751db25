using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MagSleep.Tests.Api;

public class ArticlesApiTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task CatalogueListsBothArticlesWithTheirDates()
    {
        var response = await _client.GetAsync("/api/v1/articles");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var items = (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["magnesium-and-sleep", "magnesium-insomnia-pathways"], items.Select(i => i.GetProperty("slug").GetString()));
        foreach (var item in items)
        {
            Assert.Equal("en", item.GetProperty("language").GetString());
            Assert.Equal(["en", "zh-CN"], item.GetProperty("availableLanguages").EnumerateArray().Select(l => l.GetString()));
            Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("summary").GetString()));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", item.GetProperty("dateModified").GetString());
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", item.GetProperty("lastReviewed").GetString());
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", item.GetProperty("nextReview").GetString());
        }
    }

    [Theory]
    [InlineData("2000-01-01", 2)]
    [InlineData("2026-12-07", 2)]
    [InlineData("2026-12-07T23:00:00Z", 2)]
    [InlineData("2026-12-08", 0)]
    [InlineData("2999-01-01T00:00:00%2B08:00", 0)]
    public async Task ModifiedSinceKeepsArticlesModifiedOnOrAfterThatDay(string since, int expected)
    {
        var body = await _client.GetJsonAsync($"/api/v1/articles?modifiedSince={since}");

        Assert.Equal(expected, body.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    [InlineData("21/11/2026")]
    [InlineData("%202020-01-01T00:00:00Z")]
    [InlineData("2020-01-01T00:00:00Z%20")]
    [InlineData("")]
    public async Task AnUnreadableModifiedSinceIsAProblemNamingTheField(string since)
    {
        var response = await _client.GetAsync($"/api/v1/articles?modifiedSince={since}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("modifiedSince", out _));
    }

    [Theory]
    [InlineData("en", "only once")]
    [InlineData("zh-CN", "只能出现一次")]
    public async Task ARepeatedModifiedSinceIsAProblemSayingItMayBeGivenOnce(string language, string once)
    {
        var response = await _client.GetAsync($"/api/v1/articles?modifiedSince=2020-01-01&modifiedSince=2021-01-01&lang={language}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(once, problem.GetProperty("errors").GetProperty("modifiedSince")[0].GetString());
    }

    [Theory]
    [InlineData("magnesium-and-sleep")]
    [InlineData("magnesium-insomnia-pathways")]
    public async Task AnArticleComesWholeWithSectionsStudiesAndSource(string slug)
    {
        var article = await _client.GetJsonAsync($"/api/v1/articles/{slug}");

        Assert.Equal(slug, article.GetProperty("slug").GetString());
        Assert.Equal("en", article.GetProperty("language").GetString());
        var sections = article.GetProperty("sections").EnumerateArray().ToList();
        Assert.True(sections.Count >= 5);
        Assert.All(sections, s =>
        {
            Assert.Matches("^[a-z0-9-]+$", s.GetProperty("id").GetString());
            Assert.NotEmpty(s.GetProperty("paragraphs").EnumerateArray());
            Assert.NotEmpty(s.GetProperty("keyPoints").EnumerateArray());
        });
        var study = article.GetProperty("studies")[0];
        foreach (var field in new[] { "population", "intervention", "duration", "design", "outcome" })
        {
            Assert.False(string.IsNullOrWhiteSpace(study.GetProperty(field).GetString()), field);
        }

        Assert.True(study.GetProperty("reference").TryGetProperty("source", out _));
        Assert.StartsWith("S", article.GetProperty("source").GetProperty("id").GetString());
        Assert.Equal("2027-05-21", article.GetProperty("nextReview").GetString());
    }

    [Fact]
    public async Task TheFirstArticleCitesTheOlderAdultsTrialAsReference12()
    {
        var article = await _client.GetJsonAsync("/api/v1/articles/magnesium-and-sleep");

        var trial = article.GetProperty("studies").EnumerateArray().Single(s => s.GetProperty("reference").GetProperty("number").ValueKind == JsonValueKind.Number
            && s.GetProperty("reference").GetProperty("number").GetInt32() == 12);
        Assert.Equal(500, trial.GetProperty("doseMg").GetDouble());
    }

    [Fact]
    public async Task ASectionComesWithTheStudiesItDiscusses()
    {
        var section = await _client.GetJsonAsync("/api/v1/articles/magnesium-insomnia-pathways/sections/pathway-melatonin?lang=zh-CN");

        Assert.Equal("pathway-melatonin", section.GetProperty("id").GetString());
        Assert.Equal("zh-CN", section.GetProperty("language").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", section.GetProperty("heading").GetString());
        var studies = section.GetProperty("studies").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Contains("older-adults-500mg-8-weeks-melatonin", studies);
        Assert.All(section.GetProperty("studies").EnumerateArray(), s => Assert.Equal("pathway-melatonin", s.GetProperty("sectionId").GetString()));
    }

    [Fact]
    public async Task AnUnknownArticleIsA404ProblemThatDoesNotRepeatTheSlug()
    {
        var response = await _client.GetAsync("/api/v1/articles/vitamin-c");

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Article not found", problem.GetProperty("title").GetString());
        Assert.Equal("There is no article with this slug.", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("vitamin-c", problem.ToString());
    }

    [Fact]
    public async Task AnUnknownSectionIsA404ProblemThatDoesNotRepeatTheId()
    {
        var response = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep/sections/nope-4711?lang=zh-CN");

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("未找到章节", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("nope-4711", problem.ToString());
    }

    [Fact]
    public async Task AnUnknownRouteIsAProblemToo()
    {
        var response = await _client.GetAsync("/api/v1/nothing-here");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AWrongMethodIsAProblem()
    {
        var response = await _client.DeleteAsync("/api/v1/articles/magnesium-and-sleep");

        await response.ProblemAsync(HttpStatusCode.MethodNotAllowed);
    }
}

public class JsonLdTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task PartnersCanAskForAMedicalWebPage(string lang)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/magnesium-insomnia-pathways?lang={lang}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        var page = await response.JsonAsync();
        var article = await _client.GetJsonAsync($"/api/v1/articles/magnesium-insomnia-pathways?lang={lang}");
        Assert.Equal("https://schema.org", page.GetProperty("@context").GetString());
        Assert.Equal("MedicalWebPage", page.GetProperty("@type").GetString());
        Assert.Equal(article.GetProperty("title").GetString(), page.GetProperty("headline").GetString());
        Assert.Equal(article.GetProperty("summary").GetString(), page.GetProperty("description").GetString());
        Assert.Equal(lang, page.GetProperty("inLanguage").GetString());
        Assert.Equal(article.GetProperty("dateModified").GetString(), page.GetProperty("dateModified").GetString());
        Assert.Equal(article.GetProperty("lastReviewed").GetString(), page.GetProperty("lastReviewed").GetString());
        var parts = page.GetProperty("hasPart").EnumerateArray().ToList();
        Assert.Equal(article.GetProperty("sections").GetArrayLength(), parts.Count);
        Assert.All(parts, p => Assert.Equal("WebPageElement", p.GetProperty("@type").GetString()));
        Assert.Equal(article.GetProperty("studies").GetArrayLength(), page.GetProperty("citation").GetArrayLength());
        Assert.Equal("MagSleep", page.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal("S2", page.GetProperty("isBasedOn").GetProperty("identifier").GetString());
    }

    /// <summary>A citation reads as sentences of the page's language, and each names one study of the article.</summary>
    [Theory]
    [InlineData("magnesium-and-sleep", "en", "Animal study. Duration not stated in the original article. The magnesium-deficient mice slept lightly and restlessly.", "S1 ref 14")]
    [InlineData("magnesium-and-sleep", "zh-CN", "动物研究。原文未说明时长。缺镁的小鼠睡眠浅且不安稳。", "S1 ref 14")]
    [InlineData("magnesium-insomnia-pathways", "en", "Randomised trial. 24 weeks. Less cortisol was excreted in urine over 24 hours, which the original article takes to mean a clear fall in biologically active cortisol.", "S2 stress-350mg-24-weeks-cortisol")]
    [InlineData("magnesium-insomnia-pathways", "zh-CN", "随机试验。24 周。24 小时尿皮质醇排出量减少，原文认为这说明体内有活性的皮质醇明显减少。", "S2 stress-350mg-24-weeks-cortisol")]
    public async Task EachCitationIsOneStudyDescribedInSentencesOfThePagesLanguage(string slug, string lang, string description, string identifier)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{slug}?lang={lang}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));

        var citations = (await (await _client.SendAsync(request)).JsonAsync()).GetProperty("citation").EnumerateArray().ToList();

        var cited = Assert.Single(citations, c => c.GetProperty("identifier").GetString() == identifier);
        Assert.Equal(description, cited.GetProperty("description").GetString());
        Assert.Equal(citations.Count, citations.Select(c => c.GetProperty("identifier").GetString()).Distinct().Count());
        if (lang == "zh-CN")
        {
            Assert.All(citations, c => Assert.DoesNotMatch("[;.] ", c.GetProperty("description").GetString()!));
        }
    }

    [Fact]
    public async Task JsonLdAndPlainJsonHaveDifferentETags()
    {
        var plain = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/magnesium-and-sleep");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
        var linked = await _client.SendAsync(request);

        Assert.NotEqual(plain.Headers.ETag, linked.Headers.ETag);
        Assert.Equal("application/json", plain.Content.Headers.ContentType?.MediaType);
    }
}
