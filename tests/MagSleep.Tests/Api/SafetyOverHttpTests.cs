using System.Text.Json;
using System.Text.Json.Nodes;

namespace MagSleep.Tests.Api;

/// <summary>The safety policy, checked end to end through HTTP over generated requests in both languages.</summary>
public class SafetyOverHttpTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private static readonly string[] Medications = ["antibiotics", "muscle-relaxants", "blood-pressure", "bisphosphonates", "diuretics", "proton-pump-inhibitors", "other"];
    private static readonly string[] Conditions = ["digestive-disease", "diabetes", "alcohol-dependence"];
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
            else
            {
                Assert.True(range.GetProperty("max").GetDouble() <= 350, $"range above 350 mg for {request.ToJsonString()}");
                Assert.True(range.GetProperty("min").GetDouble() <= range.GetProperty("max").GetDouble());
            }

            Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("disclaimer").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("assessment").GetProperty("disclaimer").GetString()));
        }
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
