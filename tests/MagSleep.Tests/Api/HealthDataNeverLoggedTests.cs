using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MagSleep.Tests.Api;

/// <summary>A person's answers are health data: they must never reach a log line, even when the request is refused.</summary>
public class HealthDataNeverLoggedTests(LogCapturingApiFactory factory) : IClassFixture<LogCapturingApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    // Numbers that appear nowhere else in a request's life, so finding one in the logs can only mean a leak.
    private const int OnsetMarker = 437;
    private const int DaysMarker = 31337;
    private const int AgeMarker = 97;
    private const double AmountMarker = 4321.987;
    private const string TextMarker = "zzmarkerqq";

    [Fact]
    public async Task AcceptedAnswersAreNotLogged()
    {
        var sleep = new JsonObject
        {
            ["sleepOnsetMinutes"] = OnsetMarker, ["nightWakings"] = 23, ["nightsPerWeek"] = 6, ["durationDays"] = DaysMarker,
            ["racingMind"] = true, ["painOrIllness"] = true, ["restlessLegs"] = true,
        };
        var profile = new JsonObject
        {
            ["age"] = AgeMarker, ["sex"] = "female", ["kidneyDisease"] = true,
            ["medications"] = new JsonArray("diuretics", "proton-pump-inhibitors"), ["conditions"] = new JsonArray("alcohol-dependence"),
        };
        var dose = new JsonObject { ["amountMg"] = AmountMarker, ["amountBasis"] = "compound", ["form"] = "orotate" };

        Assert.Equal(HttpStatusCode.OK, (await _client.PostNodeAsync("/api/v1/insomnia/assessments", sleep.DeepClone())).StatusCode);
        var doseCheck = (JsonObject)profile.DeepClone();
        foreach (var (key, value) in dose)
        {
            doseCheck[key] = value?.DeepClone();
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.PostNodeAsync("/api/v1/magnesium/dose-checks", doseCheck)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostNodeAsync("/api/v1/guidance", new JsonObject
        {
            ["sleep"] = sleep.DeepClone(), ["profile"] = profile.DeepClone(), ["dose"] = dose.DeepClone(),
        })).StatusCode);

        AssertNoMarkers(["alcohol-dependence", "proton-pump-inhibitors", "diuretics", "orotate", "kidney", "Kidney"]);
    }

    [Fact]
    public async Task RefusedAnswersAreNotLoggedEither()
    {
        string[] bodies =
        [
            $$"""{"sleepOnsetMinutes":{{OnsetMarker}}0,"nightWakings":1,"nightsPerWeek":3,"durationDays":{{DaysMarker}}00}""",
            $$"""{"sleepOnsetMinutes":"{{TextMarker}}","nightWakings":1,"nightsPerWeek":3,"durationDays":1}""",
            $$"""{"sleepOnsetMinutes":1,"nightWakings":1,"nightsPerWeek":3,"durationDays":1,"{{TextMarker}}":true}""",
            $$"""{"sleepOnsetMinutes":1,"nightWakings":1,"nightsPerWeek":3,"durationDays":{{TextMarker}}}""",
        ];
        foreach (var body in bodies)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostRawAsync("/api/v1/insomnia/assessments", body)).StatusCode);
        }

        string[] doseBodies =
        [
            $$"""{"amountMg":{{AmountMarker}}0,"age":{{AgeMarker}}0}""",
            $$"""{"amountMg":300,"age":40,"medications":["{{TextMarker}}"],"conditions":["{{TextMarker}}2"]}""",
            $$"""{"amountMg":300,"age":40,"form":"{{TextMarker}}","sex":"{{TextMarker}}"}""",
        ];
        foreach (var body in doseBodies)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostRawAsync("/api/v1/magnesium/dose-checks", body)).StatusCode);
        }

        AssertNoMarkers([TextMarker, $"{OnsetMarker}0", $"{DaysMarker}00", $"{AgeMarker}0"]);
    }

    [Fact]
    public async Task EachRequestGetsOneLogLineWithMethodRouteStatusDurationAndTraceId()
    {
        var response = await _client.GetAsync("/api/v1/articles/magnesium-and-sleep?lang=zh-CN");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var line = Assert.Single(factory.Logs.Lines, l => l.Contains("Method=GET") && l.Contains("Route=/api/v1/articles/{slug}"));
        Assert.Contains("StatusCode=200", line);
        Assert.Matches("TraceId=[0-9a-f]{32}", line);
        Assert.Contains("ElapsedMs=", line);
        Assert.Contains("Caller=anonymous", line);
        Assert.DoesNotContain("zh-CN", line);
        Assert.DoesNotContain("magnesium-and-sleep", line);
    }

    [Fact]
    public async Task ARefusedBodysLineNamesTheRouteItWasSentTo()
    {
        var before = factory.Logs.Lines.Count;
        var response = await _client.PostRawAsync("/api/v1/magnesium/dose-checks", """{"amountMg":"three hundred","age":40}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var line = Assert.Single(factory.Logs.Lines.Skip(before), l => l.Contains("Method=POST") && l.Contains("StatusCode=400") && l.Contains("Route=/api/v1/magnesium/dose-checks"));
        Assert.DoesNotContain("three hundred", line);
    }

    /// <summary>A method is a token the client chooses, so one outside the standard set is logged as "(other)".</summary>
    [Theory]
    [InlineData("ZQXMARKMETHOD", "(other)")]
    [InlineData("PROPFIND", "(other)")]
    [InlineData("DELETE", "DELETE")]
    public async Task OnlyAStandardMethodIsLoggedByName(string method, string logged)
    {
        var before = factory.Logs.Lines.Count;
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/v1/guidance"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);

        var line = Assert.Single(factory.Logs.Lines.Skip(before), l => l.Contains("StatusCode=405"));
        Assert.Contains($"Method={logged};", line);
        Assert.DoesNotContain("ZQXMARK", line);
    }

    /// <summary>A group's own address is named as every other route is, without a trailing slash.</summary>
    [Theory]
    [InlineData("/api/v1/articles", "/api/v1/articles")]
    [InlineData("/api/v1/articles/", "/api/v1/articles")]
    [InlineData("/api/v1/studies", "/api/v1/studies")]
    [InlineData("/api/v1/rules", "/api/v1/rules")]
    [InlineData("/api/v1/search?q=magnesium", "/api/v1/search")]
    [InlineData("/api/v1/magnesium/forms", "/api/v1/magnesium/forms")]
    public async Task EveryRouteIsLoggedByItsTemplateWithoutATrailingSlash(string url, string route)
    {
        var before = factory.Logs.Lines.Count;
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(url)).StatusCode);

        Assert.Contains(factory.Logs.Lines.Skip(before), l => l.Contains($"Route={route};") && l.Contains("StatusCode=200"));
        Assert.DoesNotContain(factory.Logs.Lines.Skip(before), l => l.Contains($"Route={route}/;"));
    }

    [Fact]
    public async Task SearchTermsAreNotLogged()
    {
        var response = await _client.GetAsync($"/api/v1/search?q={TextMarker}+magnesium&lang=en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Contains(factory.Logs.Lines, l => l.Contains("Route=/api/v1/search") && l.Contains("StatusCode=200"));
        AssertNoMarkers([]);
    }

    [Fact]
    public async Task APartnersNameIsLoggedButNeverItsKey()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/magnesium/forms");
        request.Headers.Add("X-Api-Key", MagSleepApiFactory.PartnerKey);

        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(request)).StatusCode);

        Assert.Contains(factory.Logs.Lines, l => l.Contains($"Caller={MagSleepApiFactory.PartnerName}"));
        Assert.DoesNotContain(factory.Logs.Lines, l => l.Contains(MagSleepApiFactory.PartnerKey));
    }

    private void AssertNoMarkers(IEnumerable<string> extra)
    {
        string[] markers = [$"{OnsetMarker}", $"{DaysMarker}", $"{AgeMarker}", "4321.98", "4321,98", TextMarker, .. extra];
        var lines = factory.Logs.Lines;
        Assert.NotEmpty(lines);
        foreach (var marker in markers)
        {
            // A whole token, so that digits inside a duration or a trace id do not count as a leak.
            var token = new Regex($"(?<![0-9A-Za-z.]){Regex.Escape(marker)}(?![0-9A-Za-z])");
            var leak = lines.FirstOrDefault(token.IsMatch);
            Assert.True(leak is null, $"marker '{marker}' reached the logs: {leak}");
        }
    }
}
