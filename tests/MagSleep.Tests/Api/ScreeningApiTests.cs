using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static MagSleep.Tests.Api.PostJson;

namespace MagSleep.Tests.Api;

public class ScreeningApiTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private const string Url = "/api/v1/insomnia/assessments";
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData(30, 0, 7, 365, "no-pattern")]
    [InlineData(31, 0, 7, 365, "insomnia-pattern")]
    [InlineData(31, 0, 2, 365, "below-threshold")]
    [InlineData(31, 0, 3, 29, "below-threshold")]
    [InlineData(31, 0, 3, 30, "insomnia-pattern")]
    [InlineData(10, 1, 7, 365, "no-pattern")]
    [InlineData(10, 2, 7, 365, "insomnia-pattern")]
    public async Task TheClassificationFollowsTheCriteriaBoundaries(int onset, int wakings, int nights, int days, string expected)
    {
        var result = await _client.PostOkAsync(Url, Sleep(onset, wakings, nights, days));

        Assert.Equal(expected, result.GetProperty("classification").GetString());
        Assert.Equal(expected == "insomnia-pattern", result.GetProperty("meetsCriteria").GetBoolean());
    }

    [Fact]
    public async Task EveryCriterionExplainsItself()
    {
        var result = await _client.PostOkAsync(Url, Sleep(45, 1, 4, 40).With("unrefreshingSleep", true));

        var criteria = result.GetProperty("criteria").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal(
            ["sleep-onset-over-30-min", "night-waking", "unrefreshing-sleep", "daytime-impact", "at-least-3-nights-a-week", "at-least-1-month"],
            criteria.Keys);
        var onset = criteria["sleep-onset-over-30-min"];
        Assert.True(onset.GetProperty("met").GetBoolean());
        Assert.Equal(45, onset.GetProperty("observed").GetProperty("value").GetInt32());
        Assert.Equal(">", onset.GetProperty("threshold").GetProperty("operator").GetString());
        Assert.Equal(30, onset.GetProperty("threshold").GetProperty("value").GetInt32());
        Assert.Equal("S2", onset.GetProperty("source").GetString());
        Assert.False(criteria["night-waking"].GetProperty("met").GetBoolean());
        Assert.Equal(2, result.GetProperty("score").GetInt32());
        Assert.Equal("1-to-3-months", result.GetProperty("durationCategory").GetString());
    }

    [Theory]
    [InlineData(29, "under-1-month")]
    [InlineData(30, "1-to-3-months")]
    [InlineData(89, "1-to-3-months")]
    [InlineData(90, "3-months-or-more")]
    public async Task DurationCategoriesSplitAt30And90Days(int days, string expected)
    {
        var result = await _client.PostOkAsync(Url, Sleep(days: days));

        Assert.Equal(expected, result.GetProperty("durationCategory").GetString());
    }

    [Fact]
    public async Task PatternAnswersPickTheirPathways()
    {
        var body = Sleep().With("racingMind", true).With("notSleepyAtBedtime", true).With("underStress", false).With("restlessLegs", true);

        var result = await _client.PostOkAsync(Url, body);

        var pathways = result.GetProperty("pathways").EnumerateArray().ToList();
        Assert.Equal(["gaba-nmda", "melatonin", "muscle-calcium"], pathways.Select(p => p.GetProperty("id").GetString()));
        // Only the forms a source links to what the pathway describes: none pairs a form with melatonin.
        Assert.Equal(["glycinate,l-threonate,taurate", "", "glycinate"], pathways.Select(p => string.Join(",", p.GetProperty("suggestedForms").Strings())));
        Assert.All(pathways, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("mechanism").GetString()));
            Assert.Contains("S2", p.GetProperty("sources").Strings());
        });
    }

    [Theory]
    [InlineData("painOrIllness")]
    [InlineData("medicationSideEffects")]
    public async Task ACauseToTreatFirstAddsANote(string cause)
    {
        var result = await _client.PostOkAsync(Url, Sleep().With(cause, true));

        Assert.Contains("treat-cause-first", result.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task TheResultIsStampedAndSaysItIsNotADiagnosis()
    {
        var rules = await _client.GetJsonAsync("/api/v1/rules");

        var result = await _client.PostOkAsync(Url, Sleep());

        Assert.Equal(rules.GetProperty("version").GetString(), result.GetProperty("ruleSetVersion").GetString());
        Assert.Contains("not", result.GetProperty("disclaimer").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("diagnos", result.GetProperty("disclaimer").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ChineseResultsAreInChinese()
    {
        var response = await _client.PostNodeAsync(Url, Sleep().With("racingMind", true), "zh-CN");

        Assert.Equal(["zh-CN"], response.Content.Headers.ContentLanguage);
        var result = await response.JsonAsync();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", result.GetProperty("disclaimer").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", result.GetProperty("pathways")[0].GetProperty("mechanism").GetString());
        Assert.Equal("insomnia-pattern", result.GetProperty("classification").GetString());
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"nightWakings":1,"nightsPerWeek":3,"durationDays":30}""", "sleepOnsetMinutes" },
        { """{"sleepOnsetMinutes":721,"nightWakings":1,"nightsPerWeek":3,"durationDays":30}""", "sleepOnsetMinutes" },
        { """{"sleepOnsetMinutes":-1,"nightWakings":1,"nightsPerWeek":3,"durationDays":30}""", "sleepOnsetMinutes" },
        { """{"sleepOnsetMinutes":10,"nightWakings":31,"nightsPerWeek":3,"durationDays":30}""", "nightWakings" },
        { """{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":8,"durationDays":30}""", "nightsPerWeek" },
        { """{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":3,"durationDays":36501}""", "durationDays" },
        { """{"sleepOnsetMinutes":"ten","nightWakings":1,"nightsPerWeek":3,"durationDays":30}""", "sleepOnsetMinutes" },
        { """{"sleepOnsetMinutes":10.5,"nightWakings":1,"nightsPerWeek":3,"durationDays":30}""", "sleepOnsetMinutes" },
        { """{"sleepOnsetMinutes":1e40,"nightWakings":1,"nightsPerWeek":3,"durationDays":30}""", "sleepOnsetMinutes" },
        { """{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":3,"durationDays":30,"racingMind":"yes"}""", "racingMind" },
        { """{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":3,"durationDays":30,"daytimeImpakt":true}""", "daytimeImpakt" },
        { """{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":3,"durationDays":30,"durationDays":31}""", "durationDays" },
        { """{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":3,"durationDays":30,"hardToFallBackAsleep":"null"}""", "hardToFallBackAsleep" },
        { """{"SleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":3,"durationDays":30}""", "SleepOnsetMinutes" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task InvalidAnswersAreAProblemNamingTheField(string json, string field)
    {
        var response = await _client.PostRawAsync(Url, json);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {errors}");
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Theory]
    [InlineData("""{"nightWakings":1,"nightsPerWeek":3,"durationDays":30}""", "sleepOnsetMinutes", "Is required.")]
    [InlineData("""{"sleepOnsetMinutes":null,"nightWakings":1,"nightsPerWeek":3,"durationDays":30}""", "sleepOnsetMinutes", "Is required.")]
    [InlineData("""{"sleepOnsetMinutes":721,"nightWakings":1,"nightsPerWeek":3,"durationDays":30}""", "sleepOnsetMinutes", "Must be from 0 to 720 minutes.")]
    [InlineData("""{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":-1,"durationDays":30}""", "nightsPerWeek", "Must be from 0 to 7 nights.")]
    public async Task AMissingOrOutOfRangeNumberGetsExactlyOneMessage(string json, string field, string message)
    {
        var response = await _client.PostRawAsync(Url, json);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([message], problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()));
    }

    /// <summary>Padding pushes the body past one buffer segment; every spelling of UTF-8 is read as UTF-8.</summary>
    [Theory]
    [InlineData("application/json", 0)]
    [InlineData("application/json; charset=utf-8", 9000)]
    [InlineData("application/json; charset=\"utf-8\"", 0)]
    [InlineData("application/json; charset=UTF8", 3000)]
    [InlineData("Application/JSON; Charset=UTF-8", 0)]
    public async Task ABodyIsReadWhateverItsCharsetAndSize(string contentType, int padding)
    {
        var json = "{" + new string(' ', padding) + "\"sleepOnsetMinutes\":45,\"nightWakings\":1,\"nightsPerWeek\":4,\"durationDays\":40,\"racingMind\":true}";
        var mediaType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = mediaType;

        var response = await _client.PostAsync(Url, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.JsonAsync();
        Assert.Equal("insomnia-pattern", result.GetProperty("classification").GetString());
        Assert.Equal("gaba-nmda", result.GetProperty("pathways")[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("application/json; charset=\"UTF-8\"", """{"sleepOnsetMinutes":"ten","nightWakings":1,"nightsPerWeek":3,"durationDays":30}""", "sleepOnsetMinutes")]
    [InlineData("application/json; charset=utf8", """{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":3,"durationDays":30,"extra":1}""", "extra")]
    [InlineData("application/json", "", "body")]
    [InlineData("application/json", "null", "body")]
    public async Task AnUnreadableBodyIsAProblemNamingTheFieldInAnyCharset(string contentType, string json, string field)
    {
        var mediaType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = mediaType;

        var response = await _client.PostAsync(Url, content);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task RangeErrorsStateTheRuleNotTheValueSent()
    {
        var response = await _client.PostRawAsync(Url, """{"sleepOnsetMinutes":987,"nightWakings":1,"nightsPerWeek":3,"durationDays":30}""");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("sleepOnsetMinutes")[0].GetString()!;
        Assert.Contains("720", message);
        Assert.DoesNotContain("987", message);
    }
}
