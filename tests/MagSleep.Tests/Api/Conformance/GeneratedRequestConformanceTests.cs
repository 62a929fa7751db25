using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using MagSleep.Core.Rules;
using static MagSleep.Tests.Rules.RuleInputs;

namespace MagSleep.Tests.Api.Conformance;

/// <summary>
/// Generated in-range bodies for the three POST operations, sent over HTTP so that the conformance check
/// (<see cref="ResponseConformance"/>) sees the rare shapes too: consult-clinician answers, children, compound
/// doses, every pathway, fields left out or sent as null, both languages.
/// </summary>
public sealed class GeneratedRequestConformanceTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(100);

    private readonly HttpClient _client = factory.CreateClient();

    private static readonly Gen<SleepAnswers> Sleep =
        from quiet in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        from answers in SleepGen
        select quiet ? answers with { SleepOnsetMinutes = 10, NightWakings = 0, HardToFallBackAsleep = false, UnrefreshingSleep = false } : answers;

    private static readonly Gen<PersonProfile> Profile =
        from age in Gen.Frequency((1, Gen.Choose(0, 17)), (3, Gen.Choose(18, 120)))
        from profile in ProfileGen
        select profile with { Age = age };

    /// <summary>How a field that means "no" or "default" is sent: left out, null, or written out.</summary>
    private static readonly Gen<int> Spelling = Gen.Choose(0, 2);

    [Fact]
    public void EveryGeneratedAssessmentConforms()
    {
        var seen = new ConcurrentDictionary<string, int>();
        var requests = (from sleep in Sleep from spelling in Spelling from language in LanguageGen select (sleep, spelling, language)).ToArbitrary();

        Check.One(Cases, Prop.ForAll(requests, request =>
        {
            var answer = Post("/api/v1/insomnia/assessments", SleepBody(request.sleep, request.spelling), request.language);
            seen.AddOrUpdate(answer.GetProperty("classification").GetString()!, 1, (_, n) => n + 1);
            foreach (var pathway in answer.GetProperty("pathways").EnumerateArray())
            {
                seen.AddOrUpdate(pathway.GetProperty("id").GetString()!, 1, (_, n) => n + 1);
            }
        }));

        Assert.Contains("insomnia-pattern", seen.Keys);
        Assert.Contains("no-pattern", seen.Keys);
    }

    [Fact]
    public void EveryGeneratedDoseCheckConforms()
    {
        var seen = new ConcurrentDictionary<string, int>();
        var requests = (from profile in Profile from dose in DoseGen from spelling in Spelling from language in LanguageGen select (profile, dose, spelling, language)).ToArbitrary();

        Check.One(Cases, Prop.ForAll(requests, request =>
        {
            var body = ProfileBody(request.profile, request.spelling);
            foreach (var (name, value) in DoseBody(request.dose, request.spelling))
            {
                body[name] = value?.DeepClone();
            }

            var answer = Post("/api/v1/magnesium/dose-checks", body, request.language);
            seen.AddOrUpdate(answer.GetProperty("verdict").GetString()!, 1, (_, n) => n + 1);
        }));

        Assert.Contains("consult-clinician", seen.Keys);
        Assert.Contains("ok", seen.Keys);
    }

    [Fact]
    public void EveryGeneratedGuidancePlanConforms()
    {
        var seen = new ConcurrentDictionary<string, int>();
        var dose = Gen.Frequency((1, Gen.Constant<DoseAmount?>(null)), (2, DoseGen.Select(d => (DoseAmount?)d)));
        var requests = (from sleep in Sleep from profile in Profile from amount in dose from spelling in Spelling from language in LanguageGen
                        select (sleep, profile, amount, spelling, language)).ToArbitrary();

        Check.One(Cases, Prop.ForAll(requests, request =>
        {
            var body = new JsonObject { ["sleep"] = SleepBody(request.sleep, request.spelling), ["profile"] = ProfileBody(request.profile, request.spelling) };
            if (request.amount is { } amount)
            {
                body["dose"] = DoseBody(amount, request.spelling);
            }
            else if (request.spelling == 1)
            {
                body["dose"] = null;
            }

            var answer = Post("/api/v1/guidance", body, request.language);
            seen.AddOrUpdate(answer.GetProperty("safety").GetProperty("verdict").GetString()!, 1, (_, n) => n + 1);
            if (answer.GetProperty("plan").GetProperty("dailyRangeMg").ValueKind == JsonValueKind.Null)
            {
                seen.AddOrUpdate("no-range", 1, (_, n) => n + 1);
            }
        }));

        Assert.Contains("consult-clinician", seen.Keys);
        Assert.Contains("no-range", seen.Keys);
    }

    private JsonElement Post(string url, JsonObject body, string language)
    {
        var response = _client.PostNodeAsync(url, body, language).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {url} {body.ToJsonString()} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static void Optional(JsonObject body, string name, JsonNode? value, bool isDefault, int spelling)
    {
        if (!isDefault || spelling == 2)
        {
            body[name] = value;
        }
        else if (spelling == 1)
        {
            body[name] = null;
        }
    }

    private static JsonObject SleepBody(SleepAnswers a, int spelling)
    {
        var body = new JsonObject
        {
            ["sleepOnsetMinutes"] = a.SleepOnsetMinutes,
            ["nightWakings"] = a.NightWakings,
            ["nightsPerWeek"] = a.NightsPerWeek,
            ["durationDays"] = a.DurationDays,
        };
        Optional(body, "hardToFallBackAsleep", a.HardToFallBackAsleep, !a.HardToFallBackAsleep, spelling);
        Optional(body, "unrefreshingSleep", a.UnrefreshingSleep, !a.UnrefreshingSleep, spelling);
        Optional(body, "daytimeImpact", a.DaytimeImpact, !a.DaytimeImpact, spelling);
        foreach (var (name, value) in new (string, bool?)[]
                 {
                     ("racingMind", a.RacingMind), ("notSleepyAtBedtime", a.NotSleepyAtBedtime), ("underStress", a.UnderStress), ("nightLegCramps", a.NightLegCramps),
                     ("restlessLegs", a.RestlessLegs), ("painOrIllness", a.PainOrIllness), ("medicationSideEffects", a.MedicationSideEffects),
                 })
        {
            Optional(body, name, value ?? false, value is null, spelling);
        }

        return body;
    }

    private static JsonObject ProfileBody(PersonProfile p, int spelling)
    {
        var body = new JsonObject { ["age"] = p.Age };
        Optional(body, "sex", JsonNamingPolicy.KebabCaseLower.ConvertName(p.Sex.ToString()), p.Sex == Sex.Unspecified, spelling);
        Optional(body, "pregnant", p.Pregnant, !p.Pregnant, spelling);
        Optional(body, "breastfeeding", p.Breastfeeding, !p.Breastfeeding, spelling);
        Optional(body, "kidneyDisease", p.KidneyDisease, !p.KidneyDisease, spelling);
        Optional(body, "medications", new JsonArray([.. (p.Medications ?? []).Select(m => (JsonNode)m)]), p.Medications is null or [], spelling);
        Optional(body, "conditions", new JsonArray([.. (p.Conditions ?? []).Select(c => (JsonNode)c)]), p.Conditions is null or [], spelling);
        return body;
    }

    private static JsonObject DoseBody(DoseAmount d, int spelling)
    {
        var body = new JsonObject { ["amountMg"] = d.AmountMg };
        Optional(body, "amountBasis", JsonNamingPolicy.KebabCaseLower.ConvertName(d.AmountBasis.ToString()), d.AmountBasis == AmountBasis.Elemental, spelling);
        Optional(body, "form", d.Form, d.Form is null, spelling);
        return body;
    }
}
