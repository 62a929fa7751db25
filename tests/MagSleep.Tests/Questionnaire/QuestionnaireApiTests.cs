using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Hl7.Fhir.Model;
using MagSleep.Api.Features.Questionnaire;
using MagSleep.Api.Features.Screening;
using MagSleep.Core.Rules;
using MagSleep.Tests.Api;
using MagSleep.Tests.Rules;
using FhirQuestionnaire = Hl7.Fhir.Model.Questionnaire;
using Task = System.Threading.Tasks.Task;

namespace MagSleep.Tests.Questionnaire;

public sealed class QuestionnaireApiTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private const string Url = "/api/v1/insomnia/questionnaire";
    private const string Assessments = "/api/v1/insomnia/assessments";
    private readonly HttpClient _client = factory.CreateClient();

    private static readonly JsonSerializerOptions Fhir = FhirForms.Options;

    private async Task<(FhirQuestionnaire Questionnaire, HttpResponseMessage Response)> GetQuestionnaireAsync(string language, string accept = FhirForms.MediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.Accept.ParseAdd(accept);
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return (JsonSerializer.Deserialize<FhirQuestionnaire>(text, Fhir)!, response);
    }

    private static IEnumerable<FhirQuestionnaire.ItemComponent> Questions(FhirQuestionnaire questionnaire) =>
        questionnaire.Item.SelectMany(group => group.Item).Where(item => item.Type != FhirQuestionnaire.QuestionnaireItemType.Display);

    private static int IntegerExtension(FhirQuestionnaire.ItemComponent item, string url) => ((Integer)item.GetExtension(url)!.Value!).Value!.Value;

    [Theory]
    [InlineData("en", "Sleep check")]
    [InlineData("zh-CN", "睡眠自查")]
    public async Task TheQuestionnaireParsesStrictlyAsAnActiveFhirQuestionnaireInTheAskedLanguage(string language, string titleStart)
    {
        var (questionnaire, response) = await GetQuestionnaireAsync(language);

        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(language, response.Content.Headers.ContentLanguage.Single());
        Assert.Equal(PublicationStatus.Active, questionnaire.Status);
        Assert.Equal(language, questionnaire.Language);
        Assert.StartsWith(titleStart, questionnaire.Title);
        Assert.False(string.IsNullOrWhiteSpace(questionnaire.Description));
        Assert.Equal("https://magsleep.example/fhir/Questionnaire/insomnia-screening", questionnaire.Url);
        Assert.Equal(RuleSetFiles.QuestionnaireVersion, questionnaire.Version);
        Assert.StartsWith(RuleSetFiles.Engine.Version + "-", questionnaire.Version);
        Assert.All(questionnaire.Item, group => Assert.Equal(FhirQuestionnaire.QuestionnaireItemType.Group, group.Type));
    }

    [Fact]
    public async Task WithoutAskingForFhirTheSameQuestionnaireComesAsPlainJson()
    {
        var (fhir, _) = await GetQuestionnaireAsync("en");
        var (plain, response) = await GetQuestionnaireAsync("en", "application/json");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(fhir.IsExactly(plain));
    }

    [Fact]
    public async Task BothLanguagesAskTheSameQuestionsWithTheValidatorsRanges()
    {
        var (en, _) = await GetQuestionnaireAsync("en");
        var (zh, _) = await GetQuestionnaireAsync("zh-CN");
        var limits = RuleSetFiles.Engine.Inputs.Sleep;
        var ranges = new Dictionary<string, NumericRange>
        {
            ["sleepOnsetMinutes"] = limits.SleepOnsetMinutes,
            ["nightWakings"] = limits.NightWakings,
            ["nightsPerWeek"] = limits.NightsPerWeek,
            ["durationDays"] = limits.DurationDays,
        };

        Assert.Equal(Questions(en).Select(q => (q.LinkId, q.Type, q.Required)), Questions(zh).Select(q => (q.LinkId, q.Type, q.Required)));
        foreach (var questionnaire in new[] { en, zh })
        {
            foreach (var question in Questions(questionnaire))
            {
                if (ranges.TryGetValue(question.LinkId!, out var range))
                {
                    Assert.Equal(FhirQuestionnaire.QuestionnaireItemType.Integer, question.Type);
                    Assert.True(question.Required);
                    Assert.Equal(range.Min, IntegerExtension(question, FhirForms.MinValue));
                    Assert.Equal(range.Max, IntegerExtension(question, FhirForms.MaxValue));
                }
                else
                {
                    Assert.Equal(FhirQuestionnaire.QuestionnaireItemType.Boolean, question.Type);
                }
            }
        }

        Assert.NotEqual(Questions(en).Select(q => q.Text), Questions(zh).Select(q => q.Text));
    }

    [Fact]
    public async Task EveryLinkIdIsAnAssessmentRequestFieldAndEveryFieldIsAsked()
    {
        var (questionnaire, _) = await GetQuestionnaireAsync("en");
        var fields = typeof(AssessmentRequest).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.Name != "EqualityContract")
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType);

        var asked = Questions(questionnaire).ToDictionary(q => q.LinkId!, q => q.Type);
        Assert.Equal(fields.Keys.Order(), asked.Keys.Order());
        foreach (var (name, type) in fields)
        {
            Assert.Equal(type == typeof(int) ? FhirQuestionnaire.QuestionnaireItemType.Integer : FhirQuestionnaire.QuestionnaireItemType.Boolean, asked[name]);
        }
    }

    [Fact]
    public async Task TheHelpTextIsAStandardHelpItem()
    {
        var (questionnaire, _) = await GetQuestionnaireAsync("en");
        var duration = Questions(questionnaire).Single(q => q.LinkId == "durationDays");
        var help = Assert.Single(duration.Item);

        Assert.Equal(FhirQuestionnaire.QuestionnaireItemType.Display, help.Type);
        Assert.Contains("30 days", help.Text);
        var control = (CodeableConcept)help.GetExtension(FhirForms.ItemControl)!.Value!;
        Assert.Equal("help", control!.Coding.Single().Code);
    }

    [Fact]
    public async Task TheQuestionnaireIsRevalidatedWithItsStrongTag()
    {
        var (_, first) = await GetQuestionnaireAsync("zh-CN");
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Contains("max-age", first.Headers.CacheControl!.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, Url);
        again.Headers.Accept.ParseAdd(FhirForms.MediaType);
        again.Headers.AcceptLanguage.ParseAdd("zh-CN");
        again.Headers.IfNoneMatch.Add(etag);
        var second = await _client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        var (_, english) = await GetQuestionnaireAsync("en");
        Assert.NotEqual(etag, english.Headers.ETag);
    }

    /// <summary>The FHIR and the plain JSON answers are the same bytes under two media types: two representations, two tags.</summary>
    [Fact]
    public async Task TheFhirAndThePlainJsonQuestionnaireHaveTagsOfTheirOwn()
    {
        var (_, fhir) = await GetQuestionnaireAsync("en");
        var plain = await _client.GetAsync($"{Url}?lang=en");
        Assert.Equal("application/json", plain.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(fhir.Headers.ETag, plain.Headers.ETag);

        using var plainWithFhirTag = new HttpRequestMessage(HttpMethod.Get, $"{Url}?lang=en");
        plainWithFhirTag.Headers.IfNoneMatch.Add(fhir.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(plainWithFhirTag)).StatusCode);
    }

    private static QuestionnaireResponse ResponseTo(SleepAnswers answers, bool grouped = true, string? questionnaire = null)
    {
        var numbers = new (string, int)[]
        {
            ("sleepOnsetMinutes", answers.SleepOnsetMinutes), ("nightWakings", answers.NightWakings),
            ("nightsPerWeek", answers.NightsPerWeek), ("durationDays", answers.DurationDays),
        };
        var flags = new (string, bool?)[]
        {
            ("hardToFallBackAsleep", answers.HardToFallBackAsleep), ("unrefreshingSleep", answers.UnrefreshingSleep), ("daytimeImpact", answers.DaytimeImpact),
            ("racingMind", answers.RacingMind), ("notSleepyAtBedtime", answers.NotSleepyAtBedtime), ("underStress", answers.UnderStress),
            ("nightLegCramps", answers.NightLegCramps), ("restlessLegs", answers.RestlessLegs),
            ("painOrIllness", answers.PainOrIllness), ("medicationSideEffects", answers.MedicationSideEffects),
        };
        var items = numbers.Select(n => Answer(n.Item1, new Integer(n.Item2)))
            .Concat(flags.Where(f => f.Item2 is not null).Select(f => Answer(f.Item1, new FhirBoolean(f.Item2))))
            .ToList();
        return new QuestionnaireResponse
        {
            Questionnaire = questionnaire ?? $"https://magsleep.example/fhir/Questionnaire/insomnia-screening|{RuleSetFiles.QuestionnaireVersion}",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Item = grouped
                ? [new QuestionnaireResponse.ItemComponent { LinkId = "numbers", Item = items.Take(4).ToList() }, .. items.Skip(4)]
                : items,
        };
    }

    private static QuestionnaireResponse.ItemComponent Answer(string linkId, DataType value) =>
        new() { LinkId = linkId, Answer = [new QuestionnaireResponse.AnswerComponent { Value = value }] };

    private static JsonObject PlainJson(SleepAnswers answers)
    {
        var body = JsonSerializer.SerializeToNode(answers, MagSleep.Api.Infrastructure.Json.ApiJson.Options)!.AsObject();
        foreach (var name in body.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            body.Remove(name);
        }

        return body;
    }

    /// <summary>Posts <paramref name="body"/> as FHIR in <paramref name="language"/>; it must come back as a 400 problem, whose errors are returned.</summary>
    private async Task<(JsonElement Errors, string Text, HttpResponseMessage Response)> RefusedAsync(JsonObject body, string language, string because)
    {
        var response = await PostFhirAsync(body.ToJsonString(), language);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (JsonDocument.Parse(text).RootElement.GetProperty("errors"), text, response);
    }

    private Task<HttpResponseMessage> PostFhirAsync(string json, string language = "en")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(FhirForms.MediaType);
        var request = new HttpRequestMessage(HttpMethod.Post, Assessments) { Content = content };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return _client.SendAsync(request);
    }

    [Fact]
    public void AQuestionnaireResponseGivesTheSameAssessmentAsThePlainJson()
    {
        var cases = (from answers in RuleInputs.SleepGen from grouped in Gen.Elements(true, false) from language in RuleInputs.LanguageGen select (answers, grouped, language)).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), Prop.ForAll(cases, c =>
        {
            var fhir = PostFhirAsync(JsonSerializer.Serialize(ResponseTo(c.answers, c.grouped), Fhir), c.language).GetAwaiter().GetResult();
            var fhirBody = fhir.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.True(fhir.StatusCode == HttpStatusCode.OK, fhirBody);
            var plain = _client.PostRawAsync(Assessments, PlainJson(c.answers).ToJsonString(), c.language).GetAwaiter().GetResult();
            Assert.Equal(plain.Content.ReadAsStringAsync().GetAwaiter().GetResult(), fhirBody);
            Assert.Equal(c.language, fhir.Content.Headers.ContentLanguage.Single());
        }));
    }

    public static TheoryData<string, string, Func<JsonObject, JsonObject>> BadResponses => new()
    {
        { "unknown linkId", "sleepQuality", r => AddItem(r, new JsonObject { ["linkId"] = "sleepQuality", ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = 3 }) }) },
        { "integer sent as boolean", "nightWakings", r => SetAnswer(r, "nightWakings", new JsonObject { ["valueBoolean"] = true }) },
        { "boolean sent as string", "racingMind", r => AddItem(r, new JsonObject { ["linkId"] = "racingMind", ["answer"] = new JsonArray(new JsonObject { ["valueString"] = "yes" }) }) },
        { "integer sent as text", "nightsPerWeek", r => SetAnswer(r, "nightsPerWeek", new JsonObject { ["valueInteger"] = "four" }) },
        { "missing required item", "durationDays", r => RemoveItem(r, "durationDays") },
        { "required item without answer", "sleepOnsetMinutes", r => SetAnswers(r, "sleepOnsetMinutes", new JsonArray()) },
        { "above the range", "nightsPerWeek", r => SetAnswer(r, "nightsPerWeek", new JsonObject { ["valueInteger"] = 8 }) },
        { "below the range", "nightWakings", r => SetAnswer(r, "nightWakings", new JsonObject { ["valueInteger"] = -1 }) },
        { "two answers", "nightWakings", r => SetAnswers(r, "nightWakings", new JsonArray(new JsonObject { ["valueInteger"] = 1 }, new JsonObject { ["valueInteger"] = 2 })) },
        { "answered twice", "nightWakings", r => AddItem(r, new JsonObject { ["linkId"] = "nightWakings", ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = 2 }) }) },
        { "another version", "questionnaire", r => With(r, "questionnaire", "https://magsleep.example/fhir/Questionnaire/insomnia-screening|1999.1.1") },
        { "another questionnaire", "questionnaire", r => With(r, "questionnaire", "https://example.org/Questionnaire/phq-9") },
        { "in progress", "status", r => With(r, "status", "in-progress") },
        { "not FHIR", "body", r => With(r, "resourceType", "Patient") },
        { "a valid resource of another type", "body", _ => new JsonObject { ["resourceType"] = "Patient", ["name"] = new JsonArray(new JsonObject { ["text"] = "x" }) } },
        { "a valid bundle", "body", _ => new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection" } },
        { "an element FHIR does not define", "answers", r => With(r, "answers", "all of them") },
    };

    private static JsonObject With(JsonObject response, string name, string value)
    {
        response[name] = value;
        return response;
    }

    private static JsonArray Items(JsonObject response) => response["item"]!.AsArray();

    private static JsonObject ItemOf(JsonObject response, string linkId) =>
        Items(response).Select(i => i!.AsObject()).Single(i => (string?)i["linkId"] == linkId);

    private static JsonObject AddItem(JsonObject response, JsonObject item)
    {
        Items(response).Add(item);
        return response;
    }

    private static JsonObject RemoveItem(JsonObject response, string linkId)
    {
        Items(response).Remove(ItemOf(response, linkId));
        return response;
    }

    private static JsonObject SetAnswers(JsonObject response, string linkId, JsonArray answers)
    {
        if (answers.Count == 0)
        {
            ItemOf(response, linkId).Remove("answer");
        }
        else
        {
            ItemOf(response, linkId)["answer"] = answers;
        }

        return response;
    }

    private static JsonObject SetAnswer(JsonObject response, string linkId, JsonObject answer) => SetAnswers(response, linkId, new JsonArray(answer));

    /// <summary>An item in the wrong place is told what is wrong with it, not that it is unknown or answered twice.</summary>
    public static TheoryData<string, string, string, string, Func<JsonObject, JsonObject>> MisplacedItems => new()
    {
        { "a group answered itself", "numbers", "This is a group of questions and takes no answer", "题组，本身不能作答", r => AddItem(r, new JsonObject { ["linkId"] = "numbers", ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = 1 }) }) },
        { "a question in another group", "racingMind", "belongs to another group", "属于另一个题组", r => AddItem(r, new JsonObject
            {
                ["linkId"] = "numbers",
                ["item"] = new JsonArray(new JsonObject { ["linkId"] = "racingMind", ["answer"] = new JsonArray(new JsonObject { ["valueBoolean"] = true }) }),
            }) },
        { "an answer holding a question", "nightWakings", "has no sub-questions", "没有子题", r => SetAnswer(r, "nightWakings", new JsonObject
            {
                ["valueInteger"] = 2,
                ["item"] = new JsonArray(new JsonObject { ["linkId"] = "extra", ["answer"] = new JsonArray(new JsonObject { ["valueBoolean"] = true }) }),
            }) },
        { "a question holding a question", "nightWakings", "has no sub-questions", "没有子题", r =>
            {
                ItemOf(r, "nightWakings")["item"] = new JsonArray(new JsonObject { ["linkId"] = "extra", ["answer"] = new JsonArray(new JsonObject { ["valueBoolean"] = true }) });
                return r;
            } },
    };

    [Fact]
    public async Task AGroupGivenTwiceIsRefusedRatherThanMerged()
    {
        var body = JsonNode.Parse(JsonSerializer.Serialize(ResponseTo(new SleepAnswers(45, 3, 4, 60, RacingMind: null), grouped: false), Fhir))!.AsObject();
        JsonObject Group(string linkId, int value) => new()
        {
            ["linkId"] = "numbers",
            ["item"] = new JsonArray(new JsonObject { ["linkId"] = linkId, ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = value }) }),
        };
        AddItem(AddItem(RemoveItem(RemoveItem(body, "sleepOnsetMinutes"), "nightWakings"), Group("sleepOnsetMinutes", 45)), Group("nightWakings", 3));

        foreach (var (language, says) in new[] { ("en", "appears more than once"), ("zh-CN", "出现了不止一次") })
        {
            var problem = await (await PostFhirAsync(body.ToJsonString(), language)).ProblemAsync(HttpStatusCode.BadRequest);

            Assert.Contains(says, problem.GetProperty("errors").GetProperty("numbers")[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnAmendedResponseIsAssessedAsACompletedOneIs()
    {
        var completed = JsonNode.Parse(JsonSerializer.Serialize(ResponseTo(new SleepAnswers(45, 3, 4, 60, RacingMind: true)), Fhir))!.AsObject();
        var amended = With(completed.DeepClone().AsObject(), "status", "amended");

        var first = await PostFhirAsync(completed.ToJsonString());
        var second = await PostFhirAsync(amended.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("4.0", HttpStatusCode.OK)]
    [InlineData("4.0.1", HttpStatusCode.OK)]
    [InlineData("\"4.0\"", HttpStatusCode.OK)]
    [InlineData("3.0", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("5.0", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("4", HttpStatusCode.UnsupportedMediaType)]
    public async Task AResponseOfAnotherFhirVersionIsRefusedAsAnotherMediaType(string fhirVersion, HttpStatusCode status)
    {
        var content = new StringContent(JsonSerializer.Serialize(ResponseTo(new SleepAnswers(45, 3, 4, 60)), Fhir), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"{FhirForms.MediaType}; fhirVersion={fhirVersion}");

        var response = await _client.PostAsync(Assessments, content);

        Assert.Equal(status, response.StatusCode);
        if (status != HttpStatusCode.OK)
        {
            var problem = await response.ProblemAsync(status);
            Assert.Contains("fhirVersion 4.0", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("?_format=json", null, FhirForms.MediaType)]
    [InlineData("?_format=application/json", null, FhirForms.MediaType)]
    [InlineData("?_format=application/fhir%2Bjson", null, FhirForms.MediaType)]
    [InlineData("?_format=JSON", null, FhirForms.MediaType)]
    [InlineData("", "application/fhir+json; fhirVersion=4.0", FhirForms.MediaType)]
    [InlineData("", "application/fhir+json; fhirVersion=3.0", "application/json")]
    [InlineData("", "application/fhir+json; fhirVersion=3.0, application/fhir+json; fhirVersion=4.0; q=0.5", FhirForms.MediaType)]
    public async Task FhirJsonIsServedWhenFormatOrAcceptAsksForR4(string query, string? accept, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url + query);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Questionnaire", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("resourceType").GetString());
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("application/fhir+xml")]
    [InlineData("ttl")]
    [InlineData("")]
    [InlineData(" json")]
    public async Task AFormatThatIsNotFhirJsonIsAProblemNamingIt(string format)
    {
        // Asked in FHIR JSON first, so a kept answer could be served for it if the format were not part of the key.
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(Url + "?_format=json&lang=zh-CN")).StatusCode);

        var problem = await (await _client.GetAsync(Url + "?lang=zh-CN&_format=" + Uri.EscapeDataString(format))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("FHIR JSON", problem.GetProperty("errors").GetProperty("_format")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuestionSentBackWithItsUnansweredHelpTextIsRead()
    {
        var body = JsonNode.Parse(JsonSerializer.Serialize(ResponseTo(new SleepAnswers(45, 3, 4, 60, RacingMind: null), grouped: false), Fhir))!.AsObject();
        ItemOf(body, "durationDays")["item"] = new JsonArray(new JsonObject { ["linkId"] = "durationDays.help" });

        var response = await PostFhirAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("insomnia-pattern", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("classification").GetString());
    }

    [Theory]
    [MemberData(nameof(MisplacedItems))]
    public async Task AMisplacedItemIsToldWhatIsWrongWithIt(string because, string linkId, string says, string saysInChinese, Func<JsonObject, JsonObject> spoil)
    {
        foreach (var language in new[] { "en", "zh-CN" })
        {
            var body = JsonNode.Parse(JsonSerializer.Serialize(ResponseTo(new SleepAnswers(45, 3, 4, 60, RacingMind: null), grouped: false), Fhir))!.AsObject();
            var response = await PostFhirAsync(spoil(body).ToJsonString(), language);
            var text = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: {text}");
            var message = JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty(linkId)[0].GetString()!;
            Assert.Contains(language == "en" ? says : saysInChinese, message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(BadResponses))]
    public async Task ABadQuestionnaireResponseIsAProblemNamingTheLinkIdInTheAskersLanguage(string because, string linkId, Func<JsonObject, JsonObject> spoil)
    {
        foreach (var language in new[] { "en", "zh-CN" })
        {
            var body = JsonNode.Parse(JsonSerializer.Serialize(ResponseTo(new SleepAnswers(45, 3, 4, 60, RacingMind: null), grouped: false), Fhir))!.AsObject();
            var response = await PostFhirAsync(spoil(body).ToJsonString(), language);
            var text = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(language, response.Content.Headers.ContentLanguage.Single());
            Assert.Equal(["Accept-Language"], response.Headers.Vary);
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            var message = errors.GetProperty(linkId)[0].GetString()!;
            Assert.Equal(language == "zh-CN", message.Any(c => c >= '\u4e00' && c <= '\u9fff'));
            Assert.DoesNotContain("four", text);
            Assert.DoesNotContain("1999.1.1", text);
            Assert.DoesNotContain("all of them", text);
        }
    }

    /// <summary>Grouped as the questionnaire groups them, with painOrIllness answered yes: the answers a "negated" modifier would turn around.</summary>
    private static JsonObject GroupedWithPainOrIllness() => new()
    {
        ["resourceType"] = "QuestionnaireResponse",
        ["questionnaire"] = $"https://magsleep.example/fhir/Questionnaire/insomnia-screening|{RuleSetFiles.QuestionnaireVersion}",
        ["status"] = "completed",
        ["item"] = new JsonArray(
            new JsonObject
            {
                ["linkId"] = "numbers",
                ["item"] = new JsonArray(
                    new JsonObject { ["linkId"] = "sleepOnsetMinutes", ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = 45 }) },
                    new JsonObject { ["linkId"] = "nightWakings", ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = 2 }) },
                    new JsonObject { ["linkId"] = "nightsPerWeek", ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = 4 }) },
                    new JsonObject { ["linkId"] = "durationDays", ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = 60 }) }),
            },
            new JsonObject
            {
                ["linkId"] = "causes",
                ["item"] = new JsonArray(new JsonObject { ["linkId"] = "painOrIllness", ["answer"] = new JsonArray(new JsonObject { ["valueBoolean"] = true }) }),
            }),
    };

    private const string Negated = "http://example.org/negated";

    private static JsonArray Extensions(string url = Negated) => new(new JsonObject { ["url"] = url, ["valueBoolean"] = true });

    private static JsonObject GroupOf(JsonObject response, string linkId) =>
        Items(response).Select(i => i!.AsObject()).Single(i => (string?)i["linkId"] == linkId);

    private static JsonObject QuestionOf(JsonObject response, string linkId) =>
        Items(response).SelectMany(g => g!["item"]?.AsArray() ?? []).Select(i => i!.AsObject()).Single(i => (string?)i["linkId"] == linkId);

    private static JsonObject FirstAnswerOf(JsonObject response, string linkId) => QuestionOf(response, linkId)["answer"]![0]!.AsObject();

    private static JsonObject Put(JsonObject target, JsonObject response, string name, JsonNode value)
    {
        target[name] = value;
        return response;
    }

    public static TheoryData<string, string, Func<JsonObject, JsonObject>> Modifiers => new()
    {
        { "implicitRules on the response", "implicitRules", r => Put(r, r, "implicitRules", "http://x") },
        { "implicitRules given only as extensions", "implicitRules", r => Put(r, r, "_implicitRules", new JsonObject { ["extension"] = Extensions() }) },
        { "a modifierExtension on the response", "modifierExtension", r => Put(r, r, "modifierExtension", Extensions()) },
        { "a modifierExtension on a group", "causes", r => Put(GroupOf(r, "causes"), r, "modifierExtension", Extensions()) },
        { "a modifierExtension on a yes/no question", "painOrIllness", r => Put(QuestionOf(r, "painOrIllness"), r, "modifierExtension", Extensions()) },
        { "a modifierExtension on a number question", "nightWakings", r => Put(QuestionOf(r, "nightWakings"), r, "modifierExtension", Extensions()) },
        { "a modifierExtension on an answer", "painOrIllness", r => Put(FirstAnswerOf(r, "painOrIllness"), r, "modifierExtension", Extensions()) },
        {
            "a modifierExtension on an item nested under an answer", "painDetail", r => Put(FirstAnswerOf(r, "painOrIllness"), r, "item", new JsonArray(new JsonObject
            {
                ["linkId"] = "painDetail",
                ["item"] = new JsonArray(new JsonObject { ["linkId"] = "painDetailInner", ["answer"] = new JsonArray(new JsonObject { ["valueBoolean"] = true }) }),
                ["modifierExtension"] = Extensions(),
            }))
        },
        {
            "a modifierExtension on an answer two items deep", "painDetailInner", r => Put(QuestionOf(r, "painOrIllness"), r, "item", new JsonArray(new JsonObject
            {
                ["linkId"] = "painDetail",
                ["item"] = new JsonArray(new JsonObject
                {
                    ["linkId"] = "painDetailInner",
                    ["answer"] = new JsonArray(new JsonObject { ["valueBoolean"] = true, ["modifierExtension"] = Extensions() }),
                }),
            }))
        },
    };

    /// <summary>A modifier this service does not understand must not be read as if it were absent (FHIR R4 §2.4): the response is refused, naming where.</summary>
    [Theory]
    [MemberData(nameof(Modifiers))]
    public async Task AModifierTheServiceDoesNotUnderstandIsRefusedNamingWhereItIs(string because, string key, Func<JsonObject, JsonObject> spoil)
    {
        var problems = MagSleep.Core.Content.ContentSnapshot.Load(TestContent.RealContentDirectory).Questionnaire.Problems;
        var expected = key == "implicitRules" ? problems.ImplicitRules : problems.ModifierExtension;
        var unspoilt = await PostFhirAsync(GroupedWithPainOrIllness().ToJsonString());
        Assert.Equal(HttpStatusCode.OK, unspoilt.StatusCode);

        foreach (var language in new[] { "en", "zh-CN" })
        {
            var (errors, text, response) = await RefusedAsync(spoil(GroupedWithPainOrIllness()), language, because);

            Assert.Equal(language, response.Content.Headers.ContentLanguage.Single());
            Assert.True(errors.TryGetProperty(key, out var messages), $"{because}: {text}");
            Assert.Equal(expected.In(language), messages[0].GetString());
            Assert.DoesNotContain("example.org", text);
            Assert.DoesNotContain("http://x", text);
        }
    }

    public static TheoryData<string, string, bool, Func<JsonObject, JsonObject>> UnknownElements => new()
    {
        { "an unknown element on the response", "bogus", true, r => Put(r, r, "bogus", 1) },
        { "item misspelt, so no answer is read", "items", true, r => { r["items"] = r["item"]!.DeepClone(); r.Remove("item"); return r; } },
        { "a name with dots, not read as a path", "body", false, r => Put(r, r, "John.Smith.HIV-positive", true) },
        { "a name with brackets, not read as an index", "body", false, r => Put(r, r, "secret[12]", true) },
        { "a name with brackets inside", "body", false, r => Put(r, r, "ab[12]cd", true) },
        { "a name with an apostrophe", "body", false, r => Put(r, r, "Smith's note", true) },
        { "a dotted name inside a group", "item[0]", false, r => Put(GroupOf(r, "numbers"), r, "Call.555-0100.now", true) },
        { "item in the wrong case", "Item", true, r => { r["Item"] = r["item"]!.DeepClone(); r.Remove("item"); return r; } },
        { "answer misspelt on a question", "item[0].item[0].answr", true, r => { var q = GroupOf(r, "numbers")["item"]![0]!.AsObject(); q["answr"] = q["answer"]!.DeepClone(); q.Remove("answer"); return r; } },
        { "a name that is not an identifier, under what holds it", "item[0]", false, r => Put(GroupOf(r, "numbers"), r, "a name with spaces", true) },
        { "a name that is not an identifier on the response", "body", false, r => Put(r, r, "not an identifier", 1) },
    };

    /// <summary>An element R4 does not have is never ignored (safety rule 11): a misspelt item would otherwise read as no answers at all.</summary>
    [Theory]
    [MemberData(nameof(UnknownElements))]
    public async Task AnElementFhirDoesNotHaveThereIsRefusedNamingWhereItIs(string because, string key, bool isTheElement, Func<JsonObject, JsonObject> spoil)
    {
        var problems = MagSleep.Core.Content.ContentSnapshot.Load(TestContent.RealContentDirectory).Questionnaire.Problems;
        var expected = isTheElement ? problems.UnknownElement : problems.HoldsUnknownElement;

        foreach (var language in new[] { "en", "zh-CN" })
        {
            var (errors, text, _) = await RefusedAsync(spoil(GroupedWithPainOrIllness()), language, because);

            Assert.True(errors.TryGetProperty(key, out var messages), $"{because}: {text}");
            Assert.Equal(expected.In(language), messages[0].GetString());
            Assert.Equal(key, errors.EnumerateObject().First().Name);
            // The names sent, looked for in the errors only: a random traceId may hold any digits.
            var said = errors.GetRawText();
            Assert.DoesNotContain("spaces", said);
            Assert.DoesNotContain("not an identifier", said);
            Assert.DoesNotContain("Smith", said);
            Assert.DoesNotContain("secret", said);
            Assert.DoesNotContain("555", said);
            Assert.DoesNotContain("ab[", said);
        }
    }

    public static TheoryData<string, string, string, Func<JsonObject, JsonObject>> InvalidValues => new()
    {
        { "a status FHIR does not have", "status", "notCompleted", r => Put(r, r, "status", "done") },
        { "authored that is not a dateTime", "authored", "invalidValue", r => Put(r, r, "authored", "yesterday") },
        { "a subject that is not a Reference", "subject", "invalidValue", r => Put(r, r, "subject", "Patient/1") },
        { "meta.lastUpdated that is not an instant", "meta.lastUpdated", "invalidValue", r => Put(r, r, "meta", new JsonObject { ["lastUpdated"] = "nope" }) },
        { "a whole number too large for FHIR's integer", "nightWakings", "outOfRange", r => Put(FirstAnswerOf(r, "nightWakings"), r, "valueInteger", 99999999999) },
        { "a number written with a decimal point", "nightWakings", "needsInteger", r => Put(FirstAnswerOf(r, "nightWakings"), r, "valueInteger", 2.0m) },
        { "a fraction", "nightWakings", "needsInteger", r => Put(FirstAnswerOf(r, "nightWakings"), r, "valueInteger", 2.5) },
    };

    /// <summary>A value FHIR R4 does not allow is a 400 naming its element (or the question it answers), not the whole body.</summary>
    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task AValueFhirDoesNotAllowIsRefusedNamingItsElement(string because, string key, string problem, Func<JsonObject, JsonObject> spoil)
    {
        var problems = MagSleep.Core.Content.ContentSnapshot.Load(TestContent.RealContentDirectory).Questionnaire.Problems;
        var expected = problems.All().Single(p => p.Name == problem).Text;

        foreach (var language in new[] { "en", "zh-CN" })
        {
            var (errors, text, _) = await RefusedAsync(spoil(GroupedWithPainOrIllness()), language, because);

            Assert.True(errors.TryGetProperty(key, out var messages), $"{because}: {text}");
            Assert.StartsWith(expected.In(language).Split('{')[0], messages[0].GetString());
            Assert.False(errors.TryGetProperty("body", out _), $"{because}: {text}");
            Assert.DoesNotContain("yesterday", text);
            Assert.DoesNotContain("nope", text);
            Assert.DoesNotContain("99999999999", text);
        }
    }

    /// <summary>A body of many unknown elements gets a short answer: the problems are listed up to a limit, not one per key.</summary>
    [Fact]
    public async Task ManyUnknownElementsGetAShortAnswer()
    {
        var body = GroupedWithPainOrIllness();
        for (var i = 0; i < 500; i++)
        {
            body[$"extra{i}"] = i;
        }

        var response = await PostFhirAsync(body.ToJsonString());
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.InRange(JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Count(), 1, 10);
        Assert.InRange(text.Length, 1, 4000);
    }

    [Fact]
    public async Task TheModifierProblemReadsInChinese()
    {
        var body = GroupedWithPainOrIllness();
        Put(FirstAnswerOf(body, "painOrIllness"), body, "modifierExtension", Extensions());
        var response = await PostFhirAsync(body.ToJsonString(), "zh-CN");
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");

        Assert.Equal(
            "modifierExtension（修饰扩展）会改变答案的含义，本服务不支持任何修饰扩展，因此带有修饰扩展的答卷无法评估。请去掉 modifierExtension 后再提交。",
            errors.GetProperty("painOrIllness")[0].GetString());
    }

    /// <summary>A plain extension changes no meaning: on the response, a group, a question or an answer it is ignored, and the assessment is the one without it.</summary>
    [Fact]
    public async Task APlainExtensionIsStillAcceptedAndIgnored()
    {
        var plain = await PostFhirAsync(GroupedWithPainOrIllness().ToJsonString());
        var body = GroupedWithPainOrIllness();
        const string Note = "http://example.org/note";
        body["extension"] = Extensions(Note);
        GroupOf(body, "causes")["extension"] = Extensions(Note);
        QuestionOf(body, "painOrIllness")["extension"] = Extensions(Note);
        FirstAnswerOf(body, "painOrIllness")["extension"] = Extensions(Note);
        FirstAnswerOf(body, "nightWakings")["extension"] = Extensions(Note);

        var extended = await PostFhirAsync(body.ToJsonString());
        var text = await extended.Content.ReadAsStringAsync();

        Assert.True(extended.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal(await plain.Content.ReadAsStringAsync(), text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"done\"}")]
    [InlineData("{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":\"nightWakings\",\"answer\":[{\"valueInteger\":99999999999}]}]}")]
    [InlineData("{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"item\":[{\"item\":[{\"item\":[{\"linkId\":1}]}]}]}]}")]
    [InlineData("{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\",\"status\":\"completed\"}")]
    public async Task AHostileBodyIsAProblemNotAFailure(string body)
    {
        var response = await PostFhirAsync(body, "zh-CN");
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Any(), text);
        Assert.DoesNotContain("99999999999", text);
    }

    [Fact]
    public async Task ThePlainJsonAssessmentIsStillServedByItsOwnEndpoint()
    {
        var plain = await _client.PostRawAsync(Assessments, PostJson.Sleep().ToJsonString());
        var fhirAsPlain = await _client.PostRawAsync(Assessments, JsonSerializer.Serialize(ResponseTo(new SleepAnswers(45, 3, 4, 60)), Fhir));

        Assert.Equal("insomnia-pattern", JsonDocument.Parse(await plain.Content.ReadAsStringAsync()).RootElement.GetProperty("classification").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, fhirAsPlain.StatusCode);
        Assert.Equal("application/problem+json", fhirAsPlain.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheOpenApiDocumentOffersTheFhirFormWithExamplesThatWork()
    {
        var document = JsonDocument.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var paths = document.GetProperty("paths");
        var example = paths.GetProperty("/api/v1/insomnia/assessments").GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .GetProperty(FhirForms.MediaType).GetProperty("example");
        var questionnaire = paths.GetProperty("/api/v1/insomnia/questionnaire").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content")
            .GetProperty(FhirForms.MediaType).GetProperty("example");

        var response = await PostFhirAsync(example.GetRawText());

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("Questionnaire", JsonSerializer.Deserialize<FhirQuestionnaire>(questionnaire.GetRawText(), Fhir)!.TypeName);
    }
}
