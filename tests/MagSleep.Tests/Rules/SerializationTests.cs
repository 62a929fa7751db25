using System.Text.Json;
using System.Text.Json.Nodes;
using MagSleep.Core.Rules;
using static MagSleep.Tests.Rules.Requests;

namespace MagSleep.Tests.Rules;

public sealed class SerializationTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Web);

    public static TheoryData<object, string> EnumNames => new()
    {
        { Severity.Info, "info" },
        { Severity.Caution, "caution" },
        { Severity.ConsultClinician, "consult-clinician" },
        { Verdict.Ok, "ok" },
        { Verdict.Caution, "caution" },
        { Verdict.ConsultClinician, "consult-clinician" },
        { Classification.NoPattern, "no-pattern" },
        { Classification.BelowThreshold, "below-threshold" },
        { Classification.InsomniaPattern, "insomnia-pattern" },
        { CriterionRole.NightSymptom, "night-symptom" },
        { CriterionRole.DaytimeSymptom, "daytime-symptom" },
        { CriterionRole.Frequency, "frequency" },
        { CriterionRole.Duration, "duration" },
        { AmountBasis.Elemental, "elemental" },
        { AmountBasis.Compound, "compound" },
        { Sex.Female, "female" },
        { Sex.Male, "male" },
        { Sex.Unspecified, "unspecified" },
        { IntakeKind.Rda, "rda" },
        { IntakeKind.Ai, "ai" },
        { FormKind.Organic, "organic" },
        { FormKind.Inorganic, "inorganic" },
    };

    [Theory]
    [MemberData(nameof(EnumNames))]
    public void EnumValuesAreKebabCaseBothWays(object value, string name)
    {
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(value, value.GetType(), Web));
        Assert.Equal(value, JsonSerializer.Deserialize($"\"{name}\"", value.GetType(), Web));
    }

    [Fact]
    public void TheKebabPolicyMapsLThreonateAsTheFormIdsDo() =>
        Assert.Equal("l-threonate", JsonNamingPolicy.KebabCaseLower.ConvertName("LThreonate"));

    [Fact]
    public void EveryEnumValueIsCoveredByTheNameTable()
    {
        var covered = EnumNames.Select(row => row[0]).ToHashSet();
        Type[] enums = [typeof(Severity), typeof(Verdict), typeof(Classification), typeof(CriterionRole), typeof(AmountBasis), typeof(Sex), typeof(IntakeKind), typeof(FormKind)];
        Assert.All(enums.SelectMany(t => Enum.GetValues(t).Cast<object>()), v => Assert.Contains(v, covered));
    }

    [Fact]
    public void AssessmentSerializesWithTheIssuesShape()
    {
        var json = JsonNode.Parse(Json(RuleSetFiles.Engine.Assess(Sleep(onset: 45, nights: 3, days: 30) with { RacingMind = true }, "en")))!;
        Assert.Equal("insomnia-pattern", (string?)json["classification"]);
        Assert.Equal(true, (bool?)json["meetsCriteria"]);
        Assert.Equal(1, (int?)json["score"]);
        Assert.Equal("1-to-3-months", (string?)json["durationCategory"]);
        var criterion = json["criteria"]![0]!;
        Assert.Equal(["id", "label", "met", "observed", "threshold", "source"], criterion.AsObject().Select(p => p.Key));
        Assert.Equal(45, (int?)criterion["observed"]!["value"]);
        Assert.Equal(30, (double?)criterion["threshold"]!["value"]);
        Assert.Equal("gaba-nmda", (string?)json["pathways"]![0]!["id"]);
        Assert.NotNull(json["ruleSetVersion"]);
        Assert.NotNull(json["disclaimer"]);
    }

    [Fact]
    public void DoseCheckSerializesWithTheIssuesShape()
    {
        var json = JsonNode.Parse(Json(RuleSetFiles.Engine.CheckDose(HealthyAdult() with { Medications = ["antibiotics"] }, Elemental(380), "en")))!;
        Assert.Equal("consult-clinician", (string?)json["verdict"]);
        Assert.Equal("everyday", (string?)json["tier"]!["id"]);
        Assert.Equal(380, (double?)json["elementalMg"]);
        Assert.Equal(true, (bool?)json["aboveSupplementUpperLimit"]);
        Assert.True(json.AsObject().ContainsKey("rda"));
        Assert.Null(json["rda"]);
        Assert.True(json.AsObject().ContainsKey("supplementUpperLimit"));
        Assert.Null(json["supplementUpperLimit"]);
        Assert.Null(json["tier"]!["lower"]);
        var medication = json["findings"]!.AsArray().Single(f => (string?)f!["ruleId"] == "medication-interaction")!;
        Assert.Equal("consult-clinician", (string?)medication["severity"]);
        Assert.Equal("antibiotics", (string?)medication["details"]!["group"]);
        Assert.Equal(["group"], medication["details"]!.AsObject().Select(p => p.Key));
        Assert.Null(json["findings"]!.AsArray().Single(f => (string?)f!["ruleId"] == "side-effects")!["details"]);
        Assert.Equal("ODS", (string?)json["conflicts"]![0]!["winner"]);
        Assert.Equal(["above-supplement-ul", "medication-interaction"], json["clinicianReferral"]!["ruleIds"]!.AsArray().Select(id => (string?)id));
        Assert.Equal("medicine-list", (string?)json["clinicianReferral"]!["bring"]![0]!["id"]);
    }

    [Fact]
    public void GuidanceSerializesWithTheIssuesShape()
    {
        var json = JsonNode.Parse(Json(RuleSetFiles.Engine.Guide(Sleep(), HealthyAdult() with { KidneyDisease = true }, null, "en")))!;
        Assert.Equal(["assessment", "safety", "plan", "disclaimer", "ruleSetVersion"], json.AsObject().Select(p => p.Key));
        Assert.Equal("consult-clinician", (string?)json["safety"]!["verdict"]);
        Assert.Null(json["plan"]!["dailyRangeMg"]);
        Assert.Equal("kidney-impairment", (string?)json["plan"]!["clinicianReferral"]!["ruleIds"]![0]);
        var plan = json["plan"]!.AsObject();
        Assert.True(plan.ContainsKey("tryForWeeks") && plan["tryForWeeks"] is null);
        Assert.True(plan.ContainsKey("pairWith") && plan["pairWith"] is null);
    }

    [Fact]
    public void TheWholeRuleSetSerializesForGetRules()
    {
        var json = JsonNode.Parse(Json(RuleSetFiles.Engine.Rules))!;
        Assert.Equal(RuleSetFiles.Engine.Version, (string?)json["version"]);
        Assert.Equal("consult-clinician", (string?)json["dose"]!["tiers"]![4]!["severity"]);
        Assert.NotNull(json["risks"]!["medicationInteraction"]!["groups"]![0]!["name"]!["zh-CN"]);
    }
}
