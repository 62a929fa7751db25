using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static MagSleep.Tests.Api.PostJson;

namespace MagSleep.Tests.Api;

/// <summary>
/// A language is content: a copy of the content that declares the private-use language <c>qaa</c> in
/// rules/ruleset.json and gives every text a qaa version (the English one behind a marker) is served in qaa with no
/// code or configuration change; a copy that leaves out one qaa text is refused, naming the file and the language.
/// </summary>
public sealed class AddedLanguageTests : IClassFixture<AddedLanguageTests.QaaContent>
{
    public const string Tag = "qaa";
    public const string Marker = "[qaa] ";

    private static readonly string[] ArticleTexts = ["title", "summary", "heading", "paragraphs", "keyPoints"];

    private readonly QaaContent _content;
    private readonly HttpClient _client;

    public AddedLanguageTests(QaaContent content)
    {
        _content = content;
        _client = content.Factory.CreateClient();
    }

    /// <summary>The real content with qaa added everywhere; its factory serves it.</summary>
    public sealed class QaaContent : IDisposable
    {
        public QaaContent()
        {
            Files = WithQaa();
            Factory = new MagSleepApiFactory().WithWebHostBuilder(b => b.UseSetting("Content:Path", Files.Root));
        }

        internal TempContent Files { get; }

        public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Factory { get; }

        public void Dispose()
        {
            Factory.Dispose();
            Files.Dispose();
        }
    }

    /// <summary>The content edit that adds a language: its entry in the list, its article files, its version of every text.</summary>
    internal static TempContent WithQaa()
    {
        var content = TestContent.Copy();
        AddQaa(content);
        return content;
    }

    private static void AddQaa(TempContent content)
    {
        EditJson(content, "rules/ruleset.json", root =>
        {
            root["languages"]!.AsArray().Add(new JsonObject { ["tag"] = Tag, ["name"] = "Test language (private use)", ["sentenceBreak"] = ". " });
            AddQaaTexts(root);
        });
        foreach (var file in Directory.GetFiles(content.PathOf("rules"), "*.json").Where(f => Path.GetFileName(f) != "ruleset.json"))
        {
            EditJson(content, Path.GetRelativePath(content.Root, file), AddQaaTexts);
        }

        EditJson(content, "questionnaire/insomnia-screening.json", AddQaaTexts);
        EditJson(content, "messages/problems.json", AddQaaTexts);
        foreach (var folder in Directory.GetDirectories(content.PathOf("articles")))
        {
            var article = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "en.json")))!;
            article["language"] = Tag;
            MarkArticleTexts(article, inText: false);
            File.WriteAllText(Path.Combine(folder, Tag + ".json"), article.ToJsonString());
        }
    }

    private static void EditJson(TempContent content, string relative, Action<JsonNode> edit) =>
        content.Edit(relative, json =>
        {
            var root = JsonNode.Parse(json)!;
            edit(root);
            return root.ToJsonString();
        });

    /// <summary>Every text object ({"en": …, "zh-CN": …}) gets a qaa version: the English text behind the marker.</summary>
    private static void AddQaaTexts(JsonNode node)
    {
        switch (node)
        {
            case JsonObject text when text["en"] is JsonValue en && text.ContainsKey("zh-CN"):
                text[Tag] = Marker + en.GetValue<string>();
                break;
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        AddQaaTexts(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        AddQaaTexts(child);
                    }
                }

                break;
        }
    }

    private static void MarkArticleTexts(JsonNode node, bool inText)
    {
        switch (node)
        {
            case JsonValue value when inText && value.TryGetValue<string>(out var text):
                value.ReplaceWith(Marker + text);
                break;
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is not null && name != "source")
                    {
                        MarkArticleTexts(child, ArticleTexts.Contains(name));
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    if (child is not null)
                    {
                        MarkArticleTexts(child, inText);
                    }
                }

                break;
        }
    }

    private static void AssertInQaa(HttpResponseMessage response) =>
        Assert.Equal([Tag], response.Content.Headers.ContentLanguage);

    [Theory]
    [InlineData("?lang=qaa", null)]
    [InlineData("?lang=QAA", null)]
    [InlineData("", "qaa")]
    [InlineData("", "fr, qaa;q=0.9, en;q=0.5")]
    public async Task AnArticleIsServedInTheNewLanguage(string query, string? acceptLanguage)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/magnesium-and-sleep" + query);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertInQaa(response);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        var article = await response.JsonAsync();
        Assert.Equal(Tag, article.GetProperty("language").GetString());
        Assert.Equal(["en", "zh-CN", Tag], article.GetProperty("availableLanguages").EnumerateArray().Select(l => l.GetString()));
        Assert.StartsWith(Marker, article.GetProperty("title").GetString());
        Assert.All(article.GetProperty("sections").EnumerateArray(), s => Assert.StartsWith(Marker, s.GetProperty("heading").GetString()));
    }

    [Fact]
    public async Task TheArticleListAndTheOtherLanguagesStayAsTheyWere()
    {
        var list = await _client.GetAsync("/api/v1/articles?lang=qaa");
        AssertInQaa(list);
        Assert.All((await list.JsonAsync()).GetProperty("items").EnumerateArray(), a => Assert.StartsWith(Marker, a.GetProperty("title").GetString()));

        var chinese = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep?lang=zh");
        Assert.Equal(["zh-CN"], chinese.Content.Headers.ContentLanguage);
        Assert.DoesNotContain(Marker, await chinese.Content.ReadAsStringAsync());
        var english = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep?lang=xx");
        Assert.Equal(["en"], english.Content.Headers.ContentLanguage);
        Assert.DoesNotContain(Marker, await english.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AGuidancePlanIsToldInTheNewLanguage()
    {
        var response = await _client.PostRawAsync("/api/v1/guidance?lang=qaa",
            """{"sleep":{"sleepOnsetMinutes":50,"nightWakings":1,"nightsPerWeek":5,"durationDays":45,"racingMind":true,"nightLegCramps":true},"profile":{"age":42,"sex":"female"},"dose":{"amountMg":250}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertInQaa(response);
        var plan = await response.JsonAsync();
        Assert.StartsWith(Marker, plan.GetProperty("disclaimer").GetString());
        Assert.StartsWith(Marker, plan.GetProperty("assessment").GetProperty("summary").GetProperty("text").GetString());
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", plan.GetRawText());
    }

    [Fact]
    public async Task AProblemIsToldInTheNewLanguage()
    {
        var response = await _client.GetAsync("/api/v1/articles/no-such-article?lang=qaa");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertInQaa(response);
        Assert.StartsWith(Marker, (await response.JsonAsync()).GetProperty("title").GetString());

        var invalid = await _client.PostRawAsync("/api/v1/guidance?lang=qaa", """{"sleep":{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":3,"durationDays":30},"profile":{"age":300}}""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        AssertInQaa(invalid);
        var problem = await invalid.JsonAsync();
        Assert.StartsWith(Marker, problem.GetProperty("title").GetString());
        Assert.All(problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray()), m => Assert.StartsWith(Marker, m.GetString()));
    }

    [Fact]
    public async Task SearchFindsSectionsInTheNewLanguage()
    {
        var response = await _client.GetAsync("/api/v1/search?q=melatonin&lang=qaa");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertInQaa(response);
        var items = (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("sectionId").GetString() == "pathway-melatonin");
        Assert.All(items, i => Assert.StartsWith(Marker, i.GetProperty("heading").GetString()));
    }

    [Fact]
    public async Task TheQuestionnaireAndTheRuleSetCarryTheNewLanguage()
    {
        var questionnaire = await _client.GetAsync("/api/v1/insomnia/questionnaire?lang=qaa");
        AssertInQaa(questionnaire);
        Assert.StartsWith(Marker, (await questionnaire.JsonAsync()).GetProperty("title").GetString());

        var rules = await _client.GetAsync("/api/v1/rules");
        Assert.Equal(["en", "zh-CN", Tag], rules.Content.Headers.ContentLanguage);
        var body = await rules.JsonAsync();
        Assert.Equal(["en", "zh-CN", Tag], body.GetProperty("languages").EnumerateArray().Select(l => l.GetProperty("tag").GetString()));
        Assert.StartsWith(Marker, body.GetProperty("disclaimer").GetProperty(Tag).GetString());
    }

    /// <summary>Each edit leaves out one qaa text: the start-up line names the file and the language.</summary>
    public static TheoryData<string, string> MissingTranslations => new()
    {
        { "rules/risks.json", "no 'qaa' version" },
        { "rules/ruleset.json", "no 'qaa' version" },
        { "questionnaire/insomnia-screening.json", "no 'qaa' version" },
        { "messages/problems.json", "no 'qaa' version" },
        { "articles/magnesium-and-sleep/qaa.json", "the qaa version of 'magnesium-and-sleep' is missing" },
    };

    [Theory]
    [MemberData(nameof(MissingTranslations))]
    public void ContentMissingOneTranslationIsRefusedAtStartUp(string file, string problem)
    {
        using var content = WithQaa();
        if (file.StartsWith("articles/", StringComparison.Ordinal))
        {
            File.Delete(content.PathOf(file));
        }
        else
        {
            EditJson(content, file, root => Assert.True(RemoveFirstQaaText(root), $"{file} has no qaa text"));
        }

        using var factory = new MagSleepApiFactory();
        var failure = StartupFailure.Of(factory, b => b.UseSetting("Content:Path", content.Root));

        Assert.Contains(file, failure);
        Assert.Contains(problem, failure);
    }

    [Fact]
    public async Task AnEditThatAddsALanguageWhileRunningIsRefusedUntilARestart()
    {
        using var content = TestContent.Copy();
        using var factory = new MagSleepApiFactory().WithWebHostBuilder(b => b.UseSetting("Content:Path", content.Root).UseSetting("Content:Watch", "false"));
        var client = factory.CreateClient();
        var store = factory.Services.GetRequiredService<MagSleep.Api.Infrastructure.Content.ContentStore>();
        var version = store.Current.Version;

        AddQaa(content);

        Assert.False(store.TryReload());
        Assert.Equal(version, store.Current.Version);
        var ready = await client.GetJsonAsync("/health/ready");
        Assert.Equal("degraded", ready.GetProperty("status").GetString());
        Assert.Equal(["en"], (await client.GetAsync("/api/v1/articles/magnesium-and-sleep?lang=qaa")).Content.Headers.ContentLanguage);
    }

    [Fact]
    public void ATextInALanguageThatIsNotDeclaredIsRefused()
    {
        using var content = TestContent.Copy();
        EditJson(content, "rules/guidance.json", root => AddQaaTexts(root));

        var refused = Assert.Throws<MagSleep.Core.Content.ContentValidationException>(() => MagSleep.Core.Content.ContentSnapshot.Load(content.Root));

        Assert.Equal("rules/guidance.json", refused.File);
        Assert.Contains("'qaa' is not a served language", refused.Problem);
    }

    private static bool RemoveFirstQaaText(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj when obj.ContainsKey(Tag) && obj.ContainsKey("en"):
                obj.Remove(Tag);
                return true;
            case JsonObject obj:
                return obj.Select(p => p.Value).Any(child => child is not null && RemoveFirstQaaText(child));
            case JsonArray array:
                return array.Any(child => child is not null && RemoveFirstQaaText(child));
            default:
                return false;
        }
    }
}
