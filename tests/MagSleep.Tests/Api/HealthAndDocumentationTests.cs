using System.Net;
using MagSleep.Core.Content;
using MagSleep.Core.Rules;
using Microsoft.AspNetCore.Hosting;

namespace MagSleep.Tests.Api;

public class HealthAndDocumentationTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task LiveAnswersWhileTheProcessRuns()
    {
        var body = await _client.GetJsonAsync("/health/live");

        Assert.Equal("live", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadyReportsTheLoadedContentVersion()
    {
        var body = await _client.GetJsonAsync("/health/ready");

        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal(ContentSnapshot.Load(TestContent.RealContentDirectory).Version, body.GetProperty("contentVersion").GetString());
        Assert.Equal(2, body.GetProperty("articles").GetInt32());
    }

    [Fact]
    public async Task ReadyIsUnavailableWhileTheReferencePageCannotBeServed()
    {
        var emptyWebRoot = Directory.CreateTempSubdirectory("magsleep-webroot-");
        try
        {
            using var withoutPage = factory.WithWebHostBuilder(b => b.UseWebRoot(emptyWebRoot.FullName));
            using var client = withoutPage.CreateClient();

            var response = await client.GetAsync("/health/ready");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var body = await response.JsonAsync();
            Assert.Equal("unavailable", body.GetProperty("status").GetString());
            Assert.Equal("page-missing", body.GetProperty("reason").GetString());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            emptyWebRoot.Delete();
        }
    }

    [Fact]
    public async Task TheExplorerIsServed()
    {
        var response = await _client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryOperationIsDocumented()
    {
        var document = await _client.GetJsonAsync("/swagger/v1/swagger.json");

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name, Operation: op.Value)))
            .ToList();
        Assert.Contains(operations, o => o.Path == "/api/v1/articles/{slug}" && o.Method == "get");
        Assert.Contains(operations, o => o.Path == "/api/v1/search" && o.Method == "get");
        Assert.All(operations, o =>
        {
            var where = $"{o.Method} {o.Path}";
            Assert.False(string.IsNullOrWhiteSpace(o.Operation.GetProperty("summary").GetString()), where);
            Assert.False(string.IsNullOrWhiteSpace(o.Operation.GetProperty("description").GetString()), where);
            Assert.False(string.IsNullOrWhiteSpace(o.Operation.GetProperty("operationId").GetString()), where);
            Assert.NotEmpty(o.Operation.GetProperty("tags").EnumerateArray());
            Assert.True(o.Operation.GetProperty("responses").TryGetProperty("200", out _), where);
        });
    }

    [Fact]
    public async Task TheDocumentNamesTheConfiguredContactAndLicenceAndNoMadeUpAddressWithoutThem()
    {
        var plain = (await _client.GetJsonAsync("/swagger/v1/swagger.json")).GetProperty("info");
        var info = await InfoWith(("OpenApi:Contact:Name", "Partner desk"), ("OpenApi:Contact:Url", "https://magsleep.test/partners"),
            ("OpenApi:Contact:Email", "partners@magsleep.test"), ("OpenApi:License:Name", "CC BY 4.0"), ("OpenApi:License:Url", "https://creativecommons.org/licenses/by/4.0/"));
        var nameOnly = await InfoWith(("OpenApi:License:Name", "CC BY 4.0"));

        Assert.Equal(["name"], plain.GetProperty("contact").EnumerateObject().Select(p => p.Name));
        Assert.Equal("LicenseRef-MagSleep", plain.GetProperty("license").GetProperty("identifier").GetString());
        Assert.Equal("Partner desk", info.GetProperty("contact").GetProperty("name").GetString());
        Assert.Equal("https://magsleep.test/partners", info.GetProperty("contact").GetProperty("url").GetString());
        Assert.Equal("partners@magsleep.test", info.GetProperty("contact").GetProperty("email").GetString());
        Assert.Equal("CC BY 4.0", info.GetProperty("license").GetProperty("name").GetString());
        Assert.Equal("https://creativecommons.org/licenses/by/4.0/", info.GetProperty("license").GetProperty("url").GetString());
        Assert.False(info.GetProperty("license").TryGetProperty("identifier", out _));
        Assert.Equal(["name"], nameOnly.GetProperty("license").EnumerateObject().Select(p => p.Name));
    }

    private async Task<System.Text.Json.JsonElement> InfoWith(params (string Key, string Value)[] settings)
    {
        using var configured = factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        return (await configured.CreateClient().GetJsonAsync("/swagger/v1/swagger.json")).GetProperty("info").Clone();
    }

    [Fact]
    public async Task ParametersCarryExamplesThatWork()
    {
        var document = await _client.GetJsonAsync("/swagger/v1/swagger.json");

        var parameters = document.GetProperty("paths").GetProperty("/api/v1/articles/{slug}/sections/{sectionId}").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Where(p => p.TryGetProperty("example", out _))
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("example").GetString()!);

        Assert.DoesNotContain("lang", parameters.Keys);
        await _client.GetJsonAsync($"/api/v1/articles/{parameters["slug"]}/sections/{parameters["sectionId"]}");
    }

    [Fact]
    public async Task ArticleOperationsDeclareTheirProblems()
    {
        var document = await _client.GetJsonAsync("/swagger/v1/swagger.json");

        var responses = document.GetProperty("paths").GetProperty("/api/v1/articles/{slug}").GetProperty("get").GetProperty("responses");
        Assert.True(responses.TryGetProperty("404", out var notFound));
        Assert.True(notFound.GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.True(responses.TryGetProperty("304", out _));
    }

    [Theory]
    [InlineData("/api/v1/insomnia/assessments")]
    [InlineData("/api/v1/magnesium/dose-checks")]
    [InlineData("/api/v1/guidance")]
    public async Task EveryRequestExampleWorksWhenTriedAsItStands(string path)
    {
        var document = await _client.GetJsonAsync("/swagger/v1/swagger.json");
        var operation = document.GetProperty("paths").GetProperty(path).GetProperty("post");
        var example = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");

        var response = await _client.PostAsync(path, new StringContent(example.GetRawText(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(operation.GetProperty("responses").TryGetProperty("400", out _));
    }

    [Fact]
    public async Task RequestSchemasListTheirRequiredFieldsAndAcceptedIds()
    {
        var schemas = (await _client.GetJsonAsync("/swagger/v1/swagger.json")).GetProperty("components").GetProperty("schemas");

        var dose = schemas.GetProperty("DoseCheckRequest");
        Assert.Equal(["age", "amountMg"], dose.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Contains("l-threonate", dose.GetProperty("properties").GetProperty("form").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("proton-pump-inhibitors", dose.GetProperty("properties").GetProperty("medications").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["unspecified", "female", "male"], schemas.GetProperty("Sex").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["ok", "caution", "consult-clinician"], schemas.GetProperty("Verdict").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    /// <summary>Every field whose accepted values are content lists exactly the ids or tags being served, in the content's order.</summary>
    [Theory]
    [InlineData("DoseCheckRequest", "form", "forms")]
    [InlineData("DoseCheckRequest", "medications", "medications")]
    [InlineData("DoseCheckRequest", "conditions", "conditions")]
    [InlineData("DoseRequest", "form", "forms")]
    [InlineData("ProfileRequest", "medications", "medications")]
    [InlineData("ProfileRequest", "conditions", "conditions")]
    [InlineData("ArticleSummary", "language", "languages")]
    [InlineData("ArticleSummary", "availableLanguages", "languages")]
    [InlineData("ArticleResponse", "language", "languages")]
    [InlineData("ArticleResponse", "availableLanguages", "languages")]
    [InlineData("SectionResponse", "language", "languages")]
    public async Task FieldsWhoseValuesAreContentListTheValuesBeingServed(string schema, string field, string values)
    {
        var snapshot = ContentSnapshot.Load(TestContent.RealContentDirectory);
        var rules = snapshot.Rules.Rules;
        var expected = values switch
        {
            "forms" => rules.Forms.Forms.Select(f => f.Id),
            "medications" => rules.Risks.MedicationInteraction.Groups.Select(g => g.Id),
            "conditions" => rules.Risks.MedicalCondition.Conditions.Select(c => c.Id),
            _ => snapshot.Languages.Tags,
        };
        var schemas = (await _client.GetJsonAsync("/swagger/v1/swagger.json")).GetProperty("components").GetProperty("schemas");

        var property = schemas.GetProperty(schema).GetProperty("properties").GetProperty(field);
        var listed = EnumOf(property);
        Assert.Equal(expected, listed);
    }

    /// <summary>Every result field that holds rule-set ids lists the ids being served, in the rule set's order.</summary>
    [Theory]
    [InlineData("AssessmentResult", "durationCategory", "durations")]
    [InlineData("CriterionResult", "id", "criteria")]
    [InlineData("Observed", "unit", "units")]
    [InlineData("Threshold", "unit", "units")]
    [InlineData("PathwayResult", "id", "pathways")]
    [InlineData("PathwayResult", "suggestedForms", "forms")]
    [InlineData("RecommendedForm", "id", "forms")]
    [InlineData("RecommendedForm", "forPathways", "pathways")]
    [InlineData("DoseSummary", "tier", "tiers")]
    [InlineData("TierView", "id", "tiers")]
    public async Task ResultFieldsThatHoldRuleSetIdsListTheIdsBeingServed(string schema, string field, string values)
    {
        var rules = ContentSnapshot.Load(TestContent.RealContentDirectory).Rules.Rules;
        var expected = values switch
        {
            "durations" => rules.Insomnia.DurationCategories.Select(c => c.Id),
            "criteria" => rules.Insomnia.Criteria.Select(c => c.Id),
            "units" => rules.Insomnia.Units.Select(u => u.Id),
            "pathways" => rules.Insomnia.Pathways.Select(p => p.Id),
            "forms" => rules.Forms.Forms.Select(f => f.Id),
            _ => rules.Dose.Tiers.Select(t => t.Id),
        };
        var schemas = (await _client.GetJsonAsync("/swagger/v1/swagger.json")).GetProperty("components").GetProperty("schemas");

        var property = schemas.GetProperty(schema).GetProperty("properties").GetProperty(field);
        var listed = EnumOf(property);
        Assert.Equal(expected, listed);
        Assert.False(string.IsNullOrWhiteSpace(property.GetProperty("description").GetString()));
    }

    /// <summary>The string values a field, or each item of an array field, may take.</summary>
    private static IEnumerable<string> EnumOf(System.Text.Json.JsonElement property) =>
        (property.TryGetProperty("items", out var items) ? items : property).GetProperty("enum")
            .EnumerateArray().Where(e => e.ValueKind == System.Text.Json.JsonValueKind.String).Select(e => e.GetString()!);

    [Fact]
    public async Task TheAssessmentScoreRunsFromNoneToEverySymptomCriterion()
    {
        var criteria = ContentSnapshot.Load(TestContent.RealContentDirectory).Rules.Rules.Insomnia.Criteria;
        var schemas = (await _client.GetJsonAsync("/swagger/v1/swagger.json")).GetProperty("components").GetProperty("schemas");

        var score = schemas.GetProperty("AssessmentResult").GetProperty("properties").GetProperty("score");

        Assert.Equal(0, score.GetProperty("minimum").GetInt32());
        Assert.Equal(criteria.Count(c => c.Role is CriterionRole.NightSymptom or CriterionRole.DaytimeSymptom), score.GetProperty("maximum").GetInt32());
    }

    /// <summary>
    /// A client developer reads what each field of every answer means in the document itself: every schema an
    /// operation answers with, and every schema inside it. The rule set (GET /api/v1/rules) is the content's own
    /// file format, documented with the content, and a FHIR Questionnaire is HL7's.
    /// </summary>
    [Fact]
    public async Task EveryFieldOfEveryAnswerIsDescribed()
    {
        var document = await _client.GetJsonAsync("/swagger/v1/swagger.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var pending = new Stack<string>(document.GetProperty("paths").EnumerateObject()
            .Where(path => path.Name != "/api/v1/rules")
            .SelectMany(path => path.Value.EnumerateObject())
            .SelectMany(operation => operation.Value.GetProperty("responses").EnumerateObject())
            .Where(response => response.Name.StartsWith('2'))
            .SelectMany(response => References(response.Value)));
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var name))
        {
            if (name != "FhirQuestionnaire" && reached.Add(name))
            {
                foreach (var inner in References(schemas.GetProperty(name)))
                {
                    pending.Push(inner);
                }
            }
        }

        Assert.Contains("GuidanceResult", reached);
        Assert.Contains("MedicalWebPage", reached);
        var undescribed = reached.SelectMany(name =>
        {
            var type = schemas.GetProperty(name);
            var fields = type.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().ToList() : [];
            return fields.Where(p => !Described(p.Value)).Select(p => $"{name}.{p.Name}")
                .Concat(Described(type) || type.TryGetProperty("enum", out _) ? [] : [name]);
        }).ToList();
        Assert.True(undescribed.Count == 0, "Not described: " + string.Join(", ", undescribed));
        Assert.DoesNotContain("MagSleep.Core", string.Join("", reached.Select(name => schemas.GetProperty(name).GetRawText())));

        static bool Described(System.Text.Json.JsonElement schema) =>
            (schema.TryGetProperty("description", out var d) && !string.IsNullOrWhiteSpace(d.GetString()))
            || (schema.TryGetProperty("const", out _) && !schema.TryGetProperty("$ref", out _));

        static IEnumerable<string> References(System.Text.Json.JsonElement node) => node.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Object => node.EnumerateObject().SelectMany(p =>
                p.Name == "$ref" ? [p.Value.GetString()!.Split('/')[^1]] : References(p.Value)),
            System.Text.Json.JsonValueKind.Array => node.EnumerateArray().SelectMany(References),
            _ => [],
        };
    }

    /// <summary>The bounds the validators enforce are the rule set's (rules/inputs.json), and the document states them.</summary>
    [Theory]
    [InlineData("AssessmentRequest", "sleepOnsetMinutes")]
    [InlineData("AssessmentRequest", "nightWakings")]
    [InlineData("AssessmentRequest", "nightsPerWeek")]
    [InlineData("AssessmentRequest", "durationDays")]
    [InlineData("DoseCheckRequest", "amountMg")]
    [InlineData("DoseCheckRequest", "age")]
    [InlineData("ProfileRequest", "age")]
    [InlineData("DoseRequest", "amountMg")]
    public async Task RequestNumbersStateTheRuleSetsBounds(string schema, string field)
    {
        var inputs = ContentSnapshot.Load(TestContent.RealContentDirectory).Rules.Inputs;
        var range = (schema, field) switch
        {
            ("AssessmentRequest", "sleepOnsetMinutes") => inputs.Sleep.SleepOnsetMinutes,
            ("AssessmentRequest", "nightWakings") => inputs.Sleep.NightWakings,
            ("AssessmentRequest", "nightsPerWeek") => inputs.Sleep.NightsPerWeek,
            ("AssessmentRequest", "durationDays") => inputs.Sleep.DurationDays,
            (_, "amountMg") => inputs.Dose.AmountMg,
            (_, "age") => inputs.Dose.Age,
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        var schemas = (await _client.GetJsonAsync("/swagger/v1/swagger.json")).GetProperty("components").GetProperty("schemas");

        var property = schemas.GetProperty(schema).GetProperty("properties").GetProperty(field);
        var (lower, other) = range.MinExclusive ? ("exclusiveMinimum", "minimum") : ("minimum", "exclusiveMinimum");
        Assert.Equal(range.Min, property.GetProperty(lower).GetDouble());
        Assert.False(property.TryGetProperty(other, out _));
        Assert.Equal(range.Max, property.GetProperty("maximum").GetDouble());
    }
}
