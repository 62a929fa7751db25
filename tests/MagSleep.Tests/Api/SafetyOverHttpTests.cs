using System.Text.Json;
using System.Text.Json.Nodes;

namespace MagSleep.Tests.Api;

/// <summary>The safety policy, checked end to end through HTTP over generated requests in both languages.</summary>
public class SafetyOverHttpTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private static readonly string[] Medications = ["antibiotics", "muscle-relaxants", "blood-pressure", "bisphosphonates", "diuretics", "proton-pump-inhibitors", "other"];
    private static readonly string[] Conditions = ["digestive-disease", "diabetes", "alcohol-dependence", "other"];
    private static readonly string[] Forms = ["glycinate", "l-threonate", "taurate", "citrate", "gluconate", "orotate", "oxide", "chloride"];
    private static readonly string[] Order = ["ok", "caution", "consult-clinician"];

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task GeneratedGuidanceRequestsNeverBreakThePolicy()
    {
        var random = new Random(42);
        for (var i = 0; i < 400; i++)
        {
            var request = GuidanceRequest(random);
            var result = await _client.PostOkAsync("/api/v1/guidance", request, i % 2 == 0 ? "en" : "zh-CN");

            var safety = result.GetProperty("safety");
            var verdict = Array.IndexOf(Order, safety.GetProperty("verdict").GetString());
            foreach (var finding in safety.GetProperty("findings").EnumerateArray())
            {
                var severity = finding.GetProperty("severity").GetString() == "info" ? 0 : Array.IndexOf(Order, finding.GetProperty("severity").GetString());
                Assert.True(verdict >= severity, $"verdict milder than {finding.GetProperty("ruleId")} for {request.ToJsonString()}");
                Assert.NotEmpty(finding.GetProperty("sources").EnumerateArray());
            }

            var range = result.GetProperty("plan").GetProperty("dailyRangeMg");
            if (Order[verdict] == "consult-clinician")
            {
                Assert.True(range.ValueKind == JsonValueKind.Null, $"a range for consult-clinician: {request.ToJsonString()}");
                Assert.NotEqual(JsonValueKind.Null, result.GetProperty("plan").GetProperty("clinicianReferral").ValueKind);
            }
            else if (result.GetProperty("assessment").GetProperty("classification").GetString() == "no-pattern")
            {
                AssertNoSupplementAdvice(result.GetProperty("plan"));
            }
            else
            {
                Assert.True(range.GetProperty("max").GetDouble() <= 350, $"range above 350 mg for {request.ToJsonString()}");
                Assert.True(range.GetProperty("min").GetDouble() <= range.GetProperty("max").GetDouble());
            }

            Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("disclaimer").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("assessment").GetProperty("disclaimer").GetString()));
        }
    }

    private static JsonObject Adult(int age = 40) => new() { ["age"] = age, ["sex"] = "female" };

    private static void AssertNoSupplementAdvice(JsonElement plan)
    {
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("dailyRangeMg").ValueKind);
        Assert.Empty(plan.GetProperty("recommendedForms").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("tryForWeeks").ValueKind);
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("pairWith").ValueKind);
    }

    [Theory]
    [InlineData("medicationSideEffects", "en")]
    [InlineData("painOrIllness", "en")]
    [InlineData("medicationSideEffects", "zh-CN")]
    [InlineData("painOrIllness", "zh-CN")]
    public async Task SleeplessnessPutDownToAMedicineOrIllnessIsACaseForAClinicianWithNoRange(string cause, string language)
    {
        var body = new JsonObject { ["sleep"] = PostJson.Sleep().With("racingMind", true).With(cause, true), ["profile"] = Adult() };
        var result = await _client.PostOkAsync("/api/v1/guidance", body, language);

        Assert.Equal("consult-clinician", result.GetProperty("safety").GetProperty("verdict").GetString());
        var plan = result.GetProperty("plan");
        AssertNoSupplementAdvice(plan);
        Assert.Equal(["treat-cause-first"], plan.GetProperty("clinicianReferral").GetProperty("ruleIds").Strings());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task APregnantWomanWithLegCrampsIsToldNoAmountTrialPeriodOrTakingTip(string language)
    {
        var body = new JsonObject
        {
            ["sleep"] = PostJson.Sleep().With("nightLegCramps", true).With("notSleepyAtBedtime", true).With("underStress", true),
            ["profile"] = Adult(30).With("pregnant", true),
        };
        var result = await _client.PostOkAsync("/api/v1/guidance", body, language);

        Assert.Equal("consult-clinician", result.GetProperty("safety").GetProperty("verdict").GetString());
        var texts = string.Join("\n", result.Texts());
        foreach (var told in new[] { "300 mg", "500 mg", "350 mg", "225", "weeks", "D3", "split", "分几次" })
        {
            Assert.DoesNotContain(told, texts);
        }

        Assert.DoesNotMatch(@"\d\s*周", texts);

        Assert.Equal("trial-population", result.GetProperty("plan").GetProperty("evidence").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("plan").GetProperty("pairWith").ValueKind);
        var bring = result.GetProperty("plan").GetProperty("clinicianReferral").GetProperty("bring").EnumerateArray().Select(b => b.GetProperty("id").GetString());
        Assert.Equal(["medicine-list", "product-label", "test-results", "sleep-pattern", "health-background"], bring);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task KidneyDiseaseIsNeverToldHowToAbsorbMoreMagnesium(string language)
    {
        var body = new JsonObject { ["sleep"] = PostJson.Sleep(), ["profile"] = Adult().With("kidneyDisease", true), ["dose"] = new JsonObject { ["amountMg"] = 250 } };
        var result = await _client.PostOkAsync("/api/v1/guidance", body, language);

        Assert.Equal(["kidney-impairment"], result.GetProperty("plan").GetProperty("clinicianReferral").GetProperty("ruleIds").Strings());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("plan").GetProperty("pairWith").ValueKind);
        Assert.DoesNotContain(result.Texts(), t => t.Contains("D3", StringComparison.Ordinal) || t.Contains("mg", StringComparison.Ordinal) || t.Contains("毫克", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2, 100, 65)]
    [InlineData(5, 150, 110)]
    [InlineData(12, 380, 350)]
    public async Task AChildAboveTheirLimitIsToldItIsOdsLimitAndThatTheSourcesDisagree(int age, double mg, double limit)
    {
        var result = await _client.PostOkAsync("/api/v1/magnesium/dose-checks", Adult(age).With("amountMg", mg));

        Assert.Equal("consult-clinician", result.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("supplementUpperLimit").ValueKind);
        var finding = result.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "above-supplement-ul");
        Assert.Equal(["ODS"], finding.GetProperty("sources").Strings());
        var conflict = Assert.Single(result.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(["S2", "ODS"], conflict.GetProperty("positions").EnumerateArray().Select(p => p.GetProperty("source").GetString()));
        // Rule 8: the limit is stated in the finding that explains it, and the conflict names no figure.
        Assert.Contains($"{limit} mg", finding.GetProperty("message").GetString());
        Assert.Equal("The NIH Office of Dietary Supplements sets the supplemental upper limit for this age below this amount.", conflict.GetProperty("positions")[1].GetProperty("position").GetString());
        Assert.DoesNotContain(conflict.Texts(), t => t.Contains("mg", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Texts(), t => t.Contains("no safety concern", StringComparison.Ordinal) || t.Contains("S1 sets", StringComparison.Ordinal));
        Assert.Contains("above-supplement-ul", result.GetProperty("clinicianReferral").GetProperty("ruleIds").Strings());
        Assert.NotEmpty(result.GetProperty("clinicianReferral").GetProperty("bring").EnumerateArray());
    }

    [Fact]
    public async Task TheTierBetween400And600MgSaysS2IsSilentAndLeavesTheAmountToADoctor()
    {
        var result = await _client.PostOkAsync("/api/v1/magnesium/dose-checks", Adult().With("amountMg", 450));

        var description = result.GetProperty("tier").GetProperty("description").GetString()!;
        Assert.Equal("unlisted", result.GetProperty("tier").GetProperty("id").GetString());
        Assert.Contains("The Chinese article says nothing", description);
        Assert.Contains("for your doctor to decide", description);
        Assert.DoesNotContain("English-language article", description);
        Assert.DoesNotContain("Neither source", description);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task NoSleepComplaintGetsLifestyleAndFoodAdviceButNoSupplementRange(string language)
    {
        var body = new JsonObject { ["sleep"] = PostJson.Sleep(onset: 10, wakings: 0), ["profile"] = Adult() };
        var result = await _client.PostOkAsync("/api/v1/guidance", body, language);

        Assert.Equal("no-pattern", result.GetProperty("assessment").GetProperty("classification").GetString());
        var plan = result.GetProperty("plan");
        AssertNoSupplementAdvice(plan);
        Assert.NotEmpty(plan.GetProperty("lifestyleFirst").EnumerateArray());
        Assert.NotEmpty(plan.GetProperty("foodSources").GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("glycinate")]
    [InlineData("l-threonate")]
    [InlineData("citrate")]
    [InlineData("oxide")]
    public async Task TheElementalFractionIsTheSameFigureInTheCatalogueAndInADoseCheck(string form)
    {
        var catalogue = (await _client.GetJsonAsync($"/api/v1/magnesium/forms/{form}")).GetProperty("elementalFraction").GetDouble();
        var check = await _client.PostOkAsync("/api/v1/magnesium/dose-checks", Adult().With("amountMg", 1000).With("amountBasis", "compound").With("form", form));

        Assert.Equal(catalogue, check.GetProperty("elementalFraction").GetDouble());
        Assert.Equal(1000 * catalogue, check.GetProperty("elementalMg").GetDouble(), 9);
    }

    private static JsonObject GuidanceRequest(Random random)
    {
        var sleep = new JsonObject
        {
            ["sleepOnsetMinutes"] = random.Next(0, 721),
            ["nightWakings"] = random.Next(0, 31),
            ["nightsPerWeek"] = random.Next(0, 8),
            ["durationDays"] = random.Next(0, 400),
        };
        foreach (var flag in new[] { "hardToFallBackAsleep", "unrefreshingSleep", "daytimeImpact", "racingMind", "notSleepyAtBedtime", "underStress", "nightLegCramps", "restlessLegs", "painOrIllness", "medicationSideEffects" })
        {
            if (random.Next(3) == 0)
            {
                sleep[flag] = random.Next(2) == 0;
            }
        }

        var profile = new JsonObject
        {
            ["age"] = random.Next(4) == 0 ? random.Next(0, 18) : random.Next(18, 121),
            ["sex"] = new[] { "female", "male", "unspecified" }[random.Next(3)],
            ["pregnant"] = random.Next(8) == 0,
            ["breastfeeding"] = random.Next(8) == 0,
            ["kidneyDisease"] = random.Next(8) == 0,
            ["medications"] = new JsonArray([.. Medications.Where(_ => random.Next(8) == 0).Select(m => (JsonNode)m)]),
            ["conditions"] = new JsonArray([.. Conditions.Where(_ => random.Next(6) == 0).Select(c => (JsonNode)c)]),
        };
        var body = new JsonObject { ["sleep"] = sleep, ["profile"] = profile };
        if (random.Next(2) == 0)
        {
            var compound = random.Next(2) == 0;
            body["dose"] = new JsonObject
            {
                ["amountMg"] = Math.Round(random.NextDouble() * (random.Next(2) == 0 ? 1000 : 10000) + 0.01, 2),
                ["amountBasis"] = compound ? "compound" : "elemental",
                ["form"] = compound || random.Next(2) == 0 ? Forms[random.Next(Forms.Length)] : null,
            };
        }

        return body;
    }
}
