using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MagSleep.Tests.Api;

public class MagnesiumApiTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private const string Url = "/api/v1/magnesium/dose-checks";
    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject Dose(double amountMg, int age = 40) => new() { ["amountMg"] = amountMg, ["age"] = age, ["sex"] = "female" };

    [Theory]
    [InlineData(199, "below-common-range", "ok")]
    [InlineData(200, "everyday", "ok")]
    [InlineData(350, "everyday", "ok")]
    [InlineData(351, "everyday", "consult-clinician")]
    [InlineData(400, "everyday", "consult-clinician")]
    [InlineData(401, "unlisted", "consult-clinician")]
    [InlineData(599, "unlisted", "consult-clinician")]
    [InlineData(600, "high", "consult-clinician")]
    [InlineData(800, "high", "consult-clinician")]
    [InlineData(801, "supervised", "consult-clinician")]
    public async Task TiersAndVerdictsFollowTheBoundaries(double mg, string tier, string verdict)
    {
        var result = await _client.PostOkAsync(Url, Dose(mg));

        Assert.Equal(tier, result.GetProperty("tier").GetProperty("id").GetString());
        Assert.Equal(verdict, result.GetProperty("verdict").GetString());
        Assert.Equal(mg > 350, result.GetProperty("aboveSupplementUpperLimit").GetBoolean());
    }

    [Fact]
    public async Task BetweenTheTwoSourcesLimitsTheConflictIsExplainedAndTheStricterWins()
    {
        var result = await _client.PostOkAsync(Url, Dose(380));

        Assert.Contains("above-supplement-ul", result.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()));
        var conflict = Assert.Single(result.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(["S2", "ODS", "S1"], conflict.GetProperty("positions").EnumerateArray().Select(p => p.GetProperty("source").GetString()));
        Assert.Equal("ODS", conflict.GetProperty("winner").GetString());
        Assert.False(string.IsNullOrWhiteSpace(conflict.GetProperty("resolution").GetString()));
    }

    [Fact]
    public async Task ACompoundAmountIsConvertedToElementalMagnesium()
    {
        var result = await _client.PostOkAsync(Url, Dose(500).With("amountBasis", "compound").With("form", "glycinate"));

        Assert.Equal(500, result.GetProperty("amountMg").GetDouble());
        Assert.Equal("compound", result.GetProperty("amountBasis").GetString());
        Assert.Equal(0.141, result.GetProperty("elementalFraction").GetDouble(), 3);
        Assert.Equal(70.5, result.GetProperty("elementalMg").GetDouble(), 1);
        Assert.Equal("below-common-range", result.GetProperty("tier").GetProperty("id").GetString());
    }

    [Fact]
    public async Task AHealthyAdultInTheEverydayRangeGetsOkWithTheRda()
    {
        var result = await _client.PostOkAsync(Url, Dose(300, age: 25));

        Assert.Equal("ok", result.GetProperty("verdict").GetString());
        Assert.Equal(310, result.GetProperty("rda").GetProperty("mg").GetDouble());
        Assert.All(result.GetProperty("findings").EnumerateArray(), f => Assert.Equal("info", f.GetProperty("severity").GetString()));
        Assert.Contains("not", result.GetProperty("disclaimer").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("kidneyDisease", "kidney-impairment")]
    [InlineData("pregnant", "pregnancy-or-breastfeeding")]
    [InlineData("breastfeeding", "pregnancy-or-breastfeeding")]
    public async Task RiskGroupsNeedAClinician(string flag, string ruleId)
    {
        var result = await _client.PostOkAsync(Url, Dose(250).With(flag, true));

        Assert.Equal("consult-clinician", result.GetProperty("verdict").GetString());
        var finding = result.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("ruleId").GetString() == ruleId);
        Assert.Equal("consult-clinician", finding.GetProperty("severity").GetString());
        Assert.NotEmpty(finding.GetProperty("sources").EnumerateArray());
    }

    [Theory]
    [InlineData(17, "consult-clinician")]
    [InlineData(18, "ok")]
    public async Task AdultGuidanceStartsAt18(int age, string verdict)
    {
        var result = await _client.PostOkAsync(Url, Dose(250, age));

        Assert.Equal(verdict, result.GetProperty("verdict").GetString());
        Assert.Equal(age < 18, result.GetProperty("findings").EnumerateArray().Any(f => f.GetProperty("ruleId").GetString() == "under-18"));
    }

    [Theory]
    [InlineData("antibiotics", "en")]
    [InlineData("bisphosphonates", "zh-CN")]
    public async Task AMedicineFindingRefersWithoutSayingWhenToTakeMagnesium(string group, string language)
    {
        var result = await _client.PostOkAsync($"{Url}?lang={language}", Dose(250).With("medications", new JsonArray(group)));

        Assert.Equal("consult-clinician", result.GetProperty("verdict").GetString());
        var finding = result.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "medication-interaction");
        Assert.Equal(group, finding.GetProperty("details").GetProperty("group").GetString());
        Assert.False(finding.GetProperty("details").TryGetProperty("spacing", out _));
        var catalogue = await _client.GetJsonAsync($"/api/v1/magnesium/risk-groups?lang={language}");
        var spacing = catalogue.GetProperty("riskGroups").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "medication-interaction")
            .GetProperty("members").EnumerateArray().Single(m => m.GetProperty("id").GetString() == group).GetProperty("spacing").GetProperty("text").GetString()!;
        Assert.DoesNotContain(result.Texts(), text => text.Contains(spacing, StringComparison.Ordinal));
    }


    [Theory]
    [InlineData("en", "You mentioned")]
    [InlineData("zh-CN", "你提到")]
    public async Task TheCatalogueDescribesConditionsWithoutSayingTheReaderMentionedOne(string language, string toldToAPerson)
    {
        var catalogue = await _client.GetJsonAsync($"/api/v1/magnesium/risk-groups?lang={language}");

        var conditions = catalogue.GetProperty("riskGroups").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "medical-condition");
        var members = conditions.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(["digestive-disease", "diabetes", "alcohol-dependence", "other"], members.Select(m => m.GetProperty("id").GetString()));
        Assert.All(members, m =>
        {
            var message = m.GetProperty("message").GetString()!;
            Assert.False(string.IsNullOrWhiteSpace(message));
            Assert.DoesNotContain(toldToAPerson, message, StringComparison.Ordinal);
            Assert.Contains(language == "en" ? "doctor" : "医生", message, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(catalogue.Texts(), t => t.Contains(toldToAPerson, StringComparison.Ordinal));

        // A person who names a condition is still told that they did.
        var result = await _client.PostOkAsync($"{Url}?lang={language}", Dose(250).With("conditions", new JsonArray("diabetes")));
        var finding = result.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "medical-condition");
        Assert.StartsWith(toldToAPerson, finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRiskGroupCatalogueKeepsTheAntibioticSpacing()
    {
        var catalogue = await _client.GetJsonAsync("/api/v1/magnesium/risk-groups");

        var medicines = catalogue.GetProperty("riskGroups").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "medication-interaction");
        var antibiotics = medicines.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "antibiotics");
        Assert.Equal(2, antibiotics.GetProperty("spacing").GetProperty("hoursBefore").GetInt32());
    }

    [Fact]
    public async Task AConditionIsBothADeficiencyRiskAndAReasonToAskADoctor()
    {
        var result = await _client.PostOkAsync(Url, Dose(250).With("conditions", new JsonArray("diabetes")));

        var ids = result.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).ToList();
        Assert.Contains("deficiency-risk", ids);
        Assert.Contains("medical-condition", ids);
        Assert.Equal("consult-clinician", result.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task ChineseFindingsAreInChinese()
    {
        var result = await _client.PostOkAsync(Url, Dose(250).With("kidneyDisease", true), "zh-CN");

        Assert.All(result.GetProperty("findings").EnumerateArray(), f => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", f.GetProperty("message").GetString()));
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { """{"age":40}""", "amountMg", "required" },
        { """{"amountMg":0,"age":40}""", "amountMg", "more than 0" },
        { """{"amountMg":10001,"age":40}""", "amountMg", "10000" },
        { """{"amountMg":"lots","age":40}""", "amountMg", "number" },
        { """{"amountMg":300}""", "age", "required" },
        { """{"amountMg":300,"age":121}""", "age", "120" },
        { """{"amountMg":300,"age":40.5}""", "age", "whole number" },
        { """{"amountMg":300,"age":40,"amountBasis":"compound"}""", "form", "compound" },
        { """{"amountMg":300,"age":40,"form":"unobtainium"}""", "form", "glycinate" },
        { """{"amountMg":300,"age":40,"sex":"robot"}""", "sex", "female" },
        { """{"amountMg":300,"age":40,"amountBasis":"weight"}""", "amountBasis", "elemental" },
        { """{"amountMg":300,"age":40,"medications":["aspirin"]}""", "medications[0]", "antibiotics" },
        { """{"amountMg":300,"age":40,"conditions":["diabetes","gout"]}""", "conditions[1]", "diabetes" },
        { """{"amountMg":300,"age":40,"medications":"antibiotics"}""", "medications", "array" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task InvalidFieldsAreAProblemThatNamesThemAndSaysWhatIsExpected(string json, string field, string expected)
    {
        var response = await _client.PostRawAsync(Url, json);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {errors}");
        Assert.Contains(expected, messages[0].GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheFormsCatalogueComputesFractionsFromFormulas()
    {
        var forms = (await _client.GetJsonAsync("/api/v1/magnesium/forms")).GetProperty("items").EnumerateArray()
            .ToDictionary(f => f.GetProperty("id").GetString()!);

        Assert.Equal(["glycinate", "l-threonate", "taurate", "citrate", "gluconate", "orotate", "oxide", "chloride"], forms.Keys);
        Assert.Equal("MgO", forms["oxide"].GetProperty("formula").GetString());
        Assert.Equal(24.305 / (24.305 + 15.999), forms["oxide"].GetProperty("elementalFraction").GetDouble(), 4);
    }

    [Fact]
    public async Task OneFormCanBeFetchedAndAnUnknownOneIsA404()
    {
        var form = await _client.GetJsonAsync("/api/v1/magnesium/forms/l-threonate?lang=zh-CN");
        Assert.Equal("l-threonate", form.GetProperty("id").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", form.GetProperty("name").GetString());

        var problem = await (await _client.GetAsync("/api/v1/magnesium/forms/unobtainium")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Form not found", problem.GetProperty("title").GetString());
        Assert.Contains("l-threonate", problem.GetProperty("detail").GetString());
        Assert.Contains("l-threonate", problem.GetProperty("forms").EnumerateArray().Select(f => f.GetString()));
        Assert.DoesNotContain("unobtainium", problem.ToString());
    }

    [Fact]
    public async Task DoseTiersAreContiguousWithExplicitBounds()
    {
        var catalogue = await _client.GetJsonAsync("/api/v1/magnesium/dose-tiers");

        var tiers = catalogue.GetProperty("tiers").EnumerateArray().ToList();
        Assert.Equal(["below-common-range", "everyday", "unlisted", "high", "supervised"], tiers.Select(t => t.GetProperty("id").GetString()));
        for (var i = 1; i < tiers.Count; i++)
        {
            var previousUpper = tiers[i - 1].GetProperty("upper");
            var lower = tiers[i].GetProperty("lower");
            Assert.Equal(previousUpper.GetProperty("mg").GetDouble(), lower.GetProperty("mg").GetDouble());
            Assert.NotEqual(previousUpper.GetProperty("inclusive").GetBoolean(), lower.GetProperty("inclusive").GetBoolean());
        }

        Assert.Contains(catalogue.GetProperty("supplementUpperLimits").EnumerateArray(), u => u.GetProperty("mg").ValueKind == JsonValueKind.Number && u.GetProperty("mg").GetDouble() == 350);
    }

    /// <summary>Rule 10: each age band's limit is told with its own figure and the source that sets it; S1 only for adults.</summary>
    [Theory]
    [InlineData("en", "Babies under 1 year", "Ages 1 to 3", "Ages 18 and over")]
    [InlineData("zh-CN", "1 岁以下婴儿", "1～3 岁", "18 岁及以上")]
    public async Task TheUpperLimitRiskGroupNamesEachAgeBandWithItsFigureAndSource(string language, string infants, string toddlers, string adults)
    {
        var catalogue = await _client.GetJsonAsync($"/api/v1/magnesium/risk-groups?lang={language}");

        var group = catalogue.GetProperty("riskGroups").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "above-supplement-ul");
        Assert.False(group.TryGetProperty("message", out _));
        var members = group.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(["ages-0-0", "ages-1-3", "ages-4-8", "ages-9-17", "ages-18-120"], members.Select(m => m.GetProperty("id").GetString()));
        Assert.Equal([infants, toddlers, adults], new[] { 0, 1, 4 }.Select(i => members[i].GetProperty("name").GetString()));
        Assert.Equal([0, 1, 4, 9, 18], members.Select(m => m.GetProperty("minAgeYears").GetInt32()));
        Assert.Equal(["ODS", "ODS", "ODS", "ODS", "ODS,S1"], members.Select(m => string.Join(",", m.GetProperty("sources").Strings())));
        Assert.Equal([null, "65 mg", "110 mg", "350 mg", "350 mg"], members.Select(m => new[] { "65 mg", "110 mg", "350 mg" }.FirstOrDefault(m.GetProperty("message").GetString()!.Contains)));
    }

    [Fact]
    public async Task RiskGroupsListTheirRulesWithSources()
    {
        var catalogue = await _client.GetJsonAsync("/api/v1/magnesium/risk-groups");

        var ids = catalogue.GetProperty("riskGroups").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).ToList();
        foreach (var expected in new[] { "above-supplement-ul", "kidney-impairment", "medication-interaction", "pregnancy-or-breastfeeding", "under-18", "deficiency-risk", "medical-condition", "side-effects" })
        {
            Assert.Contains(expected, ids);
        }

        Assert.All(catalogue.GetProperty("riskGroups").EnumerateArray(), r => Assert.NotEmpty(r.GetProperty("sources").EnumerateArray()));
    }

    [Fact]
    public async Task StudiesFromBothArticlesAreListed()
    {
        var studies = (await _client.GetJsonAsync("/api/v1/studies")).GetProperty("items").EnumerateArray().ToList();

        Assert.Contains(studies, s => s.GetProperty("slug").GetString() == "magnesium-and-sleep");
        Assert.Contains(studies, s => s.GetProperty("study").GetProperty("id").GetString() == "pregnancy-leg-cramps-300mg-bisglycinate");
    }

    [Fact]
    public async Task TheRuleSetIsServedWithItsVersion()
    {
        var response = await _client.GetAsync("/api/v1/rules");

        Assert.NotNull(response.Headers.ETag);
        var rules = await response.JsonAsync();
        Assert.Matches(@"^\d{4}\.\d+\.\d+$", rules.GetProperty("version").GetString());
        Assert.True(rules.TryGetProperty("dose", out _));
    }
}
