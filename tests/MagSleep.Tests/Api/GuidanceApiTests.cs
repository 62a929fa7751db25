using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static MagSleep.Tests.Api.PostJson;

namespace MagSleep.Tests.Api;

public class GuidanceApiTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private const string Url = "/api/v1/guidance";
    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject Request(JsonObject? profile = null, JsonObject? dose = null, JsonObject? sleep = null)
    {
        var body = new JsonObject
        {
            ["sleep"] = sleep ?? Sleep().With("racingMind", true),
            ["profile"] = profile ?? new JsonObject { ["age"] = 35, ["sex"] = "male" },
        };
        if (dose is not null)
        {
            body["dose"] = dose;
        }

        return body;
    }

    [Fact]
    public async Task AHealthyAdultGetsARangeWithinTheUpperLimitAndAFullPlan()
    {
        var result = await _client.PostOkAsync(Url, Request());

        Assert.Equal("ok", result.GetProperty("safety").GetProperty("verdict").GetString());
        var plan = result.GetProperty("plan");
        Assert.Equal(200, plan.GetProperty("dailyRangeMg").GetProperty("min").GetDouble());
        Assert.Equal(350, plan.GetProperty("dailyRangeMg").GetProperty("max").GetDouble());
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("clinicianReferral").ValueKind);
        Assert.Equal(2, plan.GetProperty("tryForWeeks").GetProperty("min").GetInt32());
        Assert.Equal(4, plan.GetProperty("tryForWeeks").GetProperty("max").GetInt32());
        Assert.Equal("vitamin-d3", plan.GetProperty("pairWith").GetProperty("id").GetString());
        Assert.True(plan.GetProperty("lifestyleFirst").GetArrayLength() >= 3);
        Assert.NotEmpty(plan.GetProperty("foodSources").GetProperty("items").EnumerateArray());
        Assert.Equal("insomnia-pattern", result.GetProperty("assessment").GetProperty("classification").GetString());
        Assert.Contains("diagnos", result.GetProperty("disclaimer").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FormsAreRankedForThePersonsPathways()
    {
        var result = await _client.PostOkAsync(Url, Request(sleep: Sleep().With("nightLegCramps", true)));

        var forms = result.GetProperty("plan").GetProperty("recommendedForms").EnumerateArray().ToList();
        Assert.NotEmpty(forms);
        Assert.Equal("glycinate", forms[0].GetProperty("id").GetString());
        Assert.All(forms, f => Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("reason").GetString())));
        Assert.DoesNotContain(forms, f => f.GetProperty("id").GetString() == "oxide");
    }

    [Theory]
    [InlineData("pregnant")]
    [InlineData("breastfeeding")]
    [InlineData("kidneyDisease")]
    public async Task NoRangeIsSuggestedToSomeoneWhoMustSeeAClinician(string flag)
    {
        var result = await _client.PostOkAsync(Url, Request(profile: new JsonObject { ["age"] = 30, ["sex"] = "female", [flag] = true }));

        Assert.Equal("consult-clinician", result.GetProperty("safety").GetProperty("verdict").GetString());
        var plan = result.GetProperty("plan");
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("dailyRangeMg").ValueKind);
        var referral = plan.GetProperty("clinicianReferral");
        Assert.False(string.IsNullOrWhiteSpace(referral.GetProperty("reason").GetString()));
        Assert.NotEmpty(referral.GetProperty("bring").EnumerateArray());
    }

    [Fact]
    public async Task ATeenagerIsSentToAClinician()
    {
        var result = await _client.PostOkAsync(Url, Request(profile: new JsonObject { ["age"] = 17 }));

        Assert.Equal(JsonValueKind.Null, result.GetProperty("plan").GetProperty("dailyRangeMg").ValueKind);
        Assert.Contains("under-18", result.GetProperty("safety").GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()));
    }

    [Fact]
    public async Task ADoseAboveTheUpperLimitRemovesTheRangeAndExplainsTheConflict()
    {
        var result = await _client.PostOkAsync(Url, Request(dose: new JsonObject { ["amountMg"] = 380 }));

        var safety = result.GetProperty("safety");
        Assert.Equal("consult-clinician", safety.GetProperty("verdict").GetString());
        Assert.Equal(380, safety.GetProperty("dose").GetProperty("elementalMg").GetDouble());
        Assert.Contains("above-supplement-ul", safety.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()));
        Assert.NotEmpty(safety.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("plan").GetProperty("dailyRangeMg").ValueKind);
    }

    [Fact]
    public async Task PainAsTheCauseIsACaseForAClinicianToTreatItFirst()
    {
        var result = await _client.PostOkAsync(Url, Request(sleep: Sleep().With("painOrIllness", true)));

        var safety = result.GetProperty("safety");
        Assert.Equal("consult-clinician", safety.GetProperty("verdict").GetString());
        Assert.Contains("treat-cause-first", safety.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()));
    }

    [Fact]
    public async Task ThePlanComesInChinese()
    {
        var result = await _client.PostOkAsync(Url, Request(), "zh-CN");

        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", result.GetProperty("plan").GetProperty("pairWith").GetProperty("text").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", result.GetProperty("disclaimer").GetString());
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"profile":{"age":30}}""", "sleep" },
        { """{"sleep":{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":3,"durationDays":30}}""", "profile" },
        { """{"sleep":{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":3},"profile":{"age":30}}""", "sleep.durationDays" },
        { """{"sleep":{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":3,"durationDays":30},"profile":{"age":300}}""", "profile.age" },
        { """{"sleep":{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":3,"durationDays":30},"profile":{"age":30,"medications":["antibiotics","x"]}}""", "profile.medications[1]" },
        { """{"sleep":{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":3,"durationDays":30},"profile":{"age":30},"dose":{"amountMg":-5}}""", "dose.amountMg" },
        { """{"sleep":{"sleepOnsetMinutes":10,"nightWakings":1,"nightsPerWeek":3,"durationDays":30},"profile":{"age":30},"dose":{"amountMg":300,"amountBasis":"compound"}}""", "dose.form" },
        { """{"sleep":{"sleepOnsetMinutes":10,"nightWakings":"x","nightsPerWeek":3,"durationDays":30},"profile":{"age":30}}""", "sleep.nightWakings" },
        { """{"sleep":[],"profile":{"age":30}}""", "sleep" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task InvalidNestedFieldsAreNamedWithTheirPath(string json, string field)
    {
        var response = await _client.PostRawAsync(Url, json);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem.GetProperty("errors")}");
    }
}
