using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MagSleep.Api.Infrastructure.Http;
using MagSleep.Core.Content;
using Microsoft.AspNetCore.Hosting;
using static MagSleep.Tests.Api.PostJson;

namespace MagSleep.Tests.Api;

/// <summary>Every problem is in the caller's language, says so in Content-Language, and its texts come from content/messages/problems.json.</summary>
public partial class ProblemLanguageTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public void EveryProblemTextExistsInEveryLanguage()
    {
        var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestContent.RealContentDirectory, ProblemTexts.RelativePath))).RootElement;

        Assert.NotEmpty(file.EnumerateObject());
        foreach (var text in file.EnumerateObject())
        {
            Assert.Equal(TestContent.Languages.Tags.Order(StringComparer.Ordinal), text.Value.EnumerateObject().Select(l => l.Name).Order(StringComparer.Ordinal));
            Assert.All(text.Value.EnumerateObject(), l => Assert.False(string.IsNullOrWhiteSpace(l.Value.GetString()), $"{text.Name} {l.Name}"));
            var chinese = text.Value.GetProperty("zh-CN").GetString()!;
            if (text.Name == "unit.mg")
            {
                // Written as the articles write it, "mg" in both languages.
                Assert.Equal("mg", chinese);
                continue;
            }

            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", chinese);

            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}[,.:;!?]|[,.:;!?]$", chinese);
            Assert.Equal(Placeholders(text.Value.GetProperty(Languages.English).GetString()!), Placeholders(chinese));
        }
    }

    [Theory]
    [InlineData("title.not-found", "zh-CN", null, "zh-CN")]
    [InlineData("title.not-found", "fr", "Introuvable", "fr")]
    [InlineData("field.body-trailing", null, null, "not removed")]
    public void AProblemTextFileThatCannotServeEveryProblemStopsTheLoad(string key, string? language, string? text, string named)
    {
        var texts = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(TestContent.RealContentDirectory, ProblemTexts.RelativePath)))!.AsObject();
        if (language is null)
        {
            texts.Remove(key);
        }
        else if (text is null)
        {
            texts[key]!.AsObject().Remove(language);
        }
        else
        {
            texts[key]![language] = text;
        }

        var folder = Directory.CreateTempSubdirectory();
        Directory.CreateDirectory(Path.Combine(folder.FullName, "messages"));
        File.WriteAllText(Path.Combine(folder.FullName, ProblemTexts.RelativePath), texts.ToJsonString());

        var failure = Assert.Throws<ContentValidationException>(() => ProblemTexts.Load(folder.FullName, TestContent.Languages));

        Assert.Contains($"$['{key}']", failure.Message);
        Assert.Contains(named, failure.Message);
        folder.Delete(recursive: true);
    }

    [Fact]
    public void TheRequiredTextsAreExactlyTheTextsOfTheShippedFile()
    {
        var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestContent.RealContentDirectory, ProblemTexts.RelativePath))).RootElement;

        Assert.Equal(file.EnumerateObject().Select(t => t.Name).Order(StringComparer.Ordinal), ProblemTexts.Required.Order(StringComparer.Ordinal));
    }

    /// <summary>A problem kind or field code written in the code is a required text, so no edit can leave it without words.</summary>
    [Fact]
    public void EveryProblemTheCodeNamesIsARequiredText()
    {
        var named = Directory.GetFiles(Path.Combine(TestContent.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => NamedProblem().Matches(File.ReadAllText(file)))
            .SelectMany(m => m.Groups["title"].Captures.Select(c => "title." + c.Value).Concat(m.Groups["field"].Captures.Select(c => "field." + c.Value)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(named.Count > 40, string.Join(", ", named));
        Assert.Empty(named.Except(ProblemTexts.Required));
    }

    [GeneratedRegex("""(?:Title = |title: |NotFound\(|Status\w+\] = )"(?<title>[a-z-]+)"|(?:\.Field\(|FieldText\(|Says\(|code = )"(?<field>[a-z-]+)"|\("(?<title>request-timeout|unreadable)", "(?<field>[a-z-]+)"\)|\("(?<field>[a-z-]+)", (?:null|new)|(?:MinExclusive|InnerException is null|typeof\(string\)) \? "(?<field>[a-z-]+)" : "(?<field>[a-z-]+)"(?=[ ,)])""")]
    private static partial Regex NamedProblem();

    public static TheoryData<string, HttpStatusCode> ProblemKinds => new()
    {
        { "invalid-fields", HttpStatusCode.BadRequest },
        { "search-query", HttpStatusCode.BadRequest },
        { "once", HttpStatusCode.BadRequest },
        { "date", HttpStatusCode.BadRequest },
        { "unreadable", HttpStatusCode.BadRequest },
        { "incomplete", HttpStatusCode.BadRequest },
        { "not-found", HttpStatusCode.NotFound },
        { "article-not-found", HttpStatusCode.NotFound },
        { "section-not-found", HttpStatusCode.NotFound },
        { "form-not-found", HttpStatusCode.NotFound },
        { "method-not-allowed", HttpStatusCode.MethodNotAllowed },
        { "unsupported-media-type", HttpStatusCode.UnsupportedMediaType },
        { "unsupported-charset", HttpStatusCode.UnsupportedMediaType },
        { "unauthorized", HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(ProblemKinds))]
    public async Task EveryProblemComesInChineseWhenChineseIsAskedFor(string kind, HttpStatusCode status)
    {
        var response = await _client.SendAsync(Request(kind, "zh-CN"));

        var problem = await response.ProblemAsync(status);
        Assert.Equal("zh-CN", response.Content.Headers.ContentLanguage.Single());
        AssertChinese(problem);
    }

    [Theory]
    [MemberData(nameof(ProblemKinds))]
    public async Task EveryProblemIsInEnglishByDefault(string kind, HttpStatusCode status)
    {
        var response = await _client.SendAsync(Request(kind, null));

        var problem = await response.ProblemAsync(status);
        Assert.Equal("en", response.Content.Headers.ContentLanguage.Single());
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", problem.ToString());
    }

    [Fact]
    public async Task TheQueryLanguageWinsOverAcceptLanguageForProblems()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/magnesium/dose-checks?lang=zh-CN") { Content = new StringContent("""{"amountMg":300}""", Encoding.UTF8, "application/json") };
        request.Headers.AcceptLanguage.ParseAdd("en");

        var response = await _client.SendAsync(request);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("此项必填。", problem.GetProperty("errors").GetProperty("age")[0].GetString());
    }

    [Fact]
    public async Task ARangeMessageInChineseNamesTheUnitInChinese()
    {
        var response = await _client.PostRawAsync("/api/v1/insomnia/assessments", """{"sleepOnsetMinutes":721,"nightWakings":1,"nightsPerWeek":3,"durationDays":30}""", "zh-CN");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("须在 0～720 分钟之间。", problem.GetProperty("errors").GetProperty("sleepOnsetMinutes")[0].GetString());
    }

    [Theory]
    [InlineData("/api/v1/magnesium/dose-checks", """{"amountMg":"100"}""", "amountMg", "en", "Must be a number such as 250, written without quotes")]
    [InlineData("/api/v1/magnesium/dose-checks", """{"amountMg":"100"}""", "amountMg", "zh-CN", "须为数字（如 250），不加引号")]
    [InlineData("/api/v1/insomnia/assessments", """{"sleepOnsetMinutes":"45"}""", "sleepOnsetMinutes", "en", "Must be a whole number such as 45, written without quotes")]
    [InlineData("/api/v1/insomnia/assessments", """{"sleepOnsetMinutes":"45"}""", "sleepOnsetMinutes", "zh-CN", "须为整数（如 45），不加引号")]
    public async Task ANumberSentAsAStringIsToldToDropTheQuotes(string url, string body, string field, string language, string expected)
    {
        var response = await _client.PostRawAsync(url, body, language);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith(expected, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task TooLargeIsInChineseToo()
    {
        using var kestrel = new BodySizeLimitTests.KestrelFactory();
        var client = kestrel.CreateClient();

        var response = await client.PostRawAsync("/api/v1/guidance", new string(' ', 17 * 1024) + "{}", "zh-CN");

        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("zh-CN", response.Content.Headers.ContentLanguage.Single());
        AssertChinese(problem);
    }

    [Fact]
    public async Task TooManyRequestsIsInChineseWithItsWait()
    {
        using var strict = factory.WithRateLimits(anonymousPerMinute: 1);
        var client = strict.CreateClient();
        await client.GetAsync("/api/v1/articles?lang=zh-CN");

        var response = await client.GetAsync("/api/v1/articles?lang=zh-CN");

        var problem = await response.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("zh-CN", response.Content.Headers.ContentLanguage.Single());
        AssertChinese(problem);
        Assert.Contains(response.Headers.GetValues("Retry-After").Single() + " 秒", problem.GetProperty("detail").GetString());
    }

    private static void AssertChinese(JsonElement problem)
    {
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("title").GetString());
        if (problem.TryGetProperty("detail", out var detail))
        {
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", detail.GetString());
        }

        if (problem.TryGetProperty("errors", out var errors))
        {
            Assert.All(errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()), m => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", m.GetString()));
        }
    }

    private static HttpRequestMessage Request(string kind, string? language)
    {
        HttpRequestMessage request = kind switch
        {
            "invalid-fields" => Post("/api/v1/magnesium/dose-checks", """{"amountMg":0,"age":400,"sex":"female","medications":["x"]}"""),
            "search-query" => new(HttpMethod.Get, "/api/v1/search?q="),
            "once" => new(HttpMethod.Get, "/api/v1/search?q=melatonin&q=magnesium"),
            "date" => new(HttpMethod.Get, "/api/v1/articles?modifiedSince=yesterday"),
            "unreadable" => Post("/api/v1/magnesium/dose-checks", """{"amountMg":"lots","age":40}"""),
            "incomplete" => Post("/api/v1/magnesium/dose-checks", """{"amountMg":300,"age":4"""),
            "not-found" => new(HttpMethod.Get, "/api/v1/no-such-thing"),
            "article-not-found" => new(HttpMethod.Get, "/api/v1/articles/no-such-article"),
            "section-not-found" => new(HttpMethod.Get, "/api/v1/articles/magnesium-and-sleep/sections/no-such-section"),
            "form-not-found" => new(HttpMethod.Get, "/api/v1/magnesium/forms/unobtainium"),
            "method-not-allowed" => new(HttpMethod.Delete, "/api/v1/guidance"),
            "unsupported-media-type" => Post("/api/v1/guidance", "{}", "text/plain"),
            "unsupported-charset" => Post("/api/v1/guidance", "{}", "application/json; charset=gb2312"),
            "unauthorized" => new(HttpMethod.Get, "/api/v1/articles") { Headers = { { "X-Api-Key", "wrong-key" } } },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return request;
    }

    private static HttpRequestMessage Post(string url, string body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{[a-zA-Z]+\}")]
    private static partial Regex Placeholder();
}
