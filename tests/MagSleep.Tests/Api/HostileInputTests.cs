using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using static MagSleep.Tests.Api.PostJson;

namespace MagSleep.Tests.Api;

/// <summary>Nothing a client sends may produce a 5xx or a stack trace; every refusal is a problem document.</summary>
public class HostileInputTests(MagSleepApiFactory factory) : IClassFixture<MagSleepApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject ValidBody(string url) => url switch
    {
        "/api/v1/insomnia/assessments" => Sleep().With("racingMind", true),
        "/api/v1/magnesium/dose-checks" => new JsonObject
        {
            ["amountMg"] = 300, ["age"] = 40, ["amountBasis"] = "compound", ["form"] = "citrate",
            ["medications"] = new JsonArray("antibiotics"), ["conditions"] = new JsonArray("diabetes"),
        },
        _ => new JsonObject
        {
            ["sleep"] = Sleep(),
            ["profile"] = new JsonObject { ["age"] = 40, ["medications"] = new JsonArray("diuretics") },
            ["dose"] = new JsonObject { ["amountMg"] = 250, ["form"] = "glycinate" },
        },
    };

    public static TheoryData<string> PostEndpoints => new() { "/api/v1/insomnia/assessments", "/api/v1/magnesium/dose-checks", "/api/v1/guidance" };

    [Theory]
    [MemberData(nameof(PostEndpoints))]
    public async Task AThousandGeneratedHostileBodiesNeverCauseA5xx(string url)
    {
        var random = new Random(20261121 + url.Length);
        var sent = 0;
        foreach (var body in HostileBodies(ValidBody(url), random).Take(1000))
        {
            var response = await _client.PostAsync(url, new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
            await AssertHandled(response, body);
            sent++;
        }

        Assert.Equal(1000, sent);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/merge-patch+json")]
    [InlineData("application/problem+json")]
    [InlineData("application/fhir+json")]
    [InlineData("application/ld+json; charset=utf-8")]
    public async Task AWrongMediaTypeIsRefusedWith415(string mediaType)
    {
        foreach (var url in new[] { "/api/v1/guidance", "/api/v1/magnesium/dose-checks" })
        {
            var content = new StringContent(ValidBody(url).ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);

            var response = await _client.PostAsync(url, content);

            var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
            Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task AJsonTypeTheAssessmentDoesNotReadIsRefusedWith415()
    {
        var content = new StringContent(ValidBody("/api/v1/insomnia/assessments").ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/merge-patch+json");

        var response = await _client.PostAsync("/api/v1/insomnia/assessments", content);

        var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        Assert.Contains("application/fhir+json", problem.GetProperty("detail").GetString());
    }

    /// <summary>JSON is UTF-8: every spelling of it is read, any other charset is a 415 that names what is accepted; never a 5xx.</summary>
    [Theory]
    [InlineData("application/json; charset=utf-8", HttpStatusCode.OK)]
    [InlineData("application/json; charset=UTF-8", HttpStatusCode.OK)]
    [InlineData("application/json;charset=utf-8", HttpStatusCode.OK)]
    [InlineData("application/json; charset=\"utf-8\"", HttpStatusCode.OK)]
    [InlineData("application/json; charset=\"UTF-8\"", HttpStatusCode.OK)]
    [InlineData("application/json; charset=UTF8", HttpStatusCode.OK)]
    [InlineData("application/json; charset=utf8", HttpStatusCode.OK)]
    [InlineData("application/json; charset=utf_8", HttpStatusCode.OK)]
    [InlineData("application/json; charset=unicode-1-1-utf-8", HttpStatusCode.OK)]
    [InlineData("application/problem+json; charset=\"utf-8\"", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=gb2312", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=utf-7", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=utf-16", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=\"utf-16\"", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=iso-8859-1", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=x-no-such-charset", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=\"\"", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=utf-8; charset=gb2312", HttpStatusCode.UnsupportedMediaType)]
    public async Task OnlyUtf8JsonIsReadWhateverTheCharsetIsCalled(string contentType, HttpStatusCode expected)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Sleep().With("racingMind", true).ToJsonString()));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await _client.PostAsync("/api/v1/insomnia/assessments", content);

        if (expected == HttpStatusCode.OK)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("insomnia-pattern", (await response.JsonAsync()).GetProperty("classification").GetString());
            return;
        }

        var problem = await response.ProblemAsync(expected);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("application/json", detail);
        Assert.Contains("utf-8", detail);
    }

    [Theory]
    [InlineData("""{"amountMg":300,"age":4""")]
    [InlineData("""{"amountMg":300,"age":""")]
    [InlineData("""{"amountMg":300,"sex":"fem""")]
    [InlineData("""{"amountMg":300,"age":40,"medications":["antibiotics",""")]
    [InlineData("""{"amountMg":300,"age":40""")]
    public async Task ABodyCutOffIsReportedAsIncompleteJsonNotAsAField(string body)
    {
        var response = await _client.PostRawAsync("/api/v1/magnesium/dose-checks", body);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["body"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains("not complete JSON", errors.GetProperty("body")[0].GetString());
    }

    [Theory]
    [InlineData("""{"amountMg":250,"age":40} x""", "en", "more after the end of its JSON")]
    [InlineData("""{"amountMg":250,"age":40}{}""", "en", "more after the end of its JSON")]
    [InlineData("""{"amountMg":250,"age":40}]""", "en", "more after the end of its JSON")]
    [InlineData("""{"amountMg":250,"age":40}0""", "zh-CN", "JSON 结束后还有多余内容")]
    public async Task DataAfterACompleteBodyIsReportedAsTrailingNotAsCutOff(string body, string language, string expected)
    {
        var response = await _client.PostRawAsync($"/api/v1/magnesium/dose-checks?lang={language}", body);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["body"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains(expected, errors.GetProperty("body")[0].GetString());
    }

    /// <summary>Where a known id or enum value is taken, and what a client could send there instead of exactly one of them.</summary>
    public static TheoryData<string, string> ChoiceFields => new()
    {
        { "/api/v1/magnesium/dose-checks", "amountBasis" },
        { "/api/v1/magnesium/dose-checks", "sex" },
        { "/api/v1/magnesium/dose-checks", "form" },
        { "/api/v1/magnesium/dose-checks", "medications[0]" },
        { "/api/v1/magnesium/dose-checks", "conditions[0]" },
        { "/api/v1/guidance", "profile.sex" },
        { "/api/v1/guidance", "profile.medications[0]" },
        { "/api/v1/guidance", "profile.conditions[0]" },
        { "/api/v1/guidance", "dose.amountBasis" },
        { "/api/v1/guidance", "dose.form" },
    };

    private static readonly Dictionary<string, string[]> KnownValues = new()
    {
        ["amountBasis"] = ["elemental", "compound"],
        ["sex"] = ["unspecified", "female", "male"],
        ["form"] = ["glycinate", "l-threonate", "taurate", "citrate", "gluconate", "orotate", "oxide", "chloride"],
        ["medications"] = ["antibiotics", "muscle-relaxants", "blood-pressure", "bisphosphonates", "diuretics", "proton-pump-inhibitors", "other"],
        ["conditions"] = ["digestive-disease", "diabetes", "alcohol-dependence", "other"],
    };

    /// <summary>Rule 11: a comma list, padding, another case, a number or an unknown name is a 400 naming the field, never an answer.</summary>
    [Theory]
    [MemberData(nameof(ChoiceFields))]
    public void AnythingButExactlyOneKnownValueIsA400NamingTheField(string url, string field)
    {
        var known = KnownValues[field.Split('.')[^1].Split('[')[0]];
        var id = Gen.Elements(known);
        var hostile = Gen.OneOf(
            from a in id from b in id from separator in Gen.Elements(",", ", ", ";", "|", " ") select (JsonNode?)JsonValue.Create(a + separator + b),
            from a in id from pad in Gen.Elements(" ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u200b") from before in Gen.Elements(true, false)
            select (JsonNode?)JsonValue.Create(before ? pad + a : a + pad),
            from a in id from variant in Gen.Elements<Func<string, string>>(v => v.ToUpperInvariant(), v => char.ToUpperInvariant(v[0]) + v[1..], v => v.Replace('-', '_'), v => v.Replace("-", ""))
            where variant(a) != a select (JsonNode?)JsonValue.Create(variant(a)),
            Gen.Choose(-3, 9).Select(n => (JsonNode?)JsonValue.Create(n)),
            Gen.Elements("", "x", "none", "unknown", "0", "1", "null", "true", "elemental,compound", "female,male", "glycinate,oxide").Select(v => (JsonNode?)JsonValue.Create(v)),
            Gen.Elements<JsonNode?>(JsonValue.Create(true), new JsonArray("female"), new JsonObject { ["id"] = "female" }).Select(n => n?.DeepClone()));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), Prop.ForAll(hostile.ToArbitrary(), value =>
        {
            var body = WithChoice(url, field, value);
            var response = _client.PostNodeAsync(url, body).GetAwaiter().GetResult();
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {field} = {value?.ToJsonString()}: {text}");
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _) || errors.TryGetProperty(field.Split('[')[0], out _), $"no error for {field} = {value?.ToJsonString()}: {errors}");
            if (value is JsonValue sent && sent.TryGetValue<string>(out _))
            {
                Assert.DoesNotContain(value.ToJsonString(), text);
            }
        }));
    }

    /// <summary>A null for an optional field is the same as leaving it out, in every optional field.</summary>
    [Theory]
    [InlineData("/api/v1/magnesium/dose-checks", "amountBasis")]
    [InlineData("/api/v1/magnesium/dose-checks", "sex")]
    [InlineData("/api/v1/magnesium/dose-checks", "pregnant")]
    [InlineData("/api/v1/magnesium/dose-checks", "breastfeeding")]
    [InlineData("/api/v1/magnesium/dose-checks", "kidneyDisease")]
    [InlineData("/api/v1/magnesium/dose-checks", "medications")]
    [InlineData("/api/v1/magnesium/dose-checks", "conditions")]
    [InlineData("/api/v1/insomnia/assessments", "hardToFallBackAsleep")]
    [InlineData("/api/v1/insomnia/assessments", "unrefreshingSleep")]
    [InlineData("/api/v1/insomnia/assessments", "daytimeImpact")]
    [InlineData("/api/v1/insomnia/assessments", "racingMind")]
    [InlineData("/api/v1/insomnia/assessments", "medicationSideEffects")]
    [InlineData("/api/v1/guidance", "dose")]
    [InlineData("/api/v1/guidance", "profile.sex")]
    [InlineData("/api/v1/guidance", "profile.pregnant")]
    [InlineData("/api/v1/guidance", "dose.amountBasis")]
    [InlineData("/api/v1/guidance", "dose.form")]
    public async Task NullForAnOptionalFieldIsTheSameAsLeavingItOut(string url, string field)
    {
        var left = ValidBody(url);
        var path = field.Split('.');
        if (Resolvable(left, path))
        {
            Parent(left, path).Remove(path[^1]);
        }

        var nulled = (JsonObject)left.DeepClone();
        Parent(nulled, path)[path[^1]] = null;

        var withNull = await _client.PostOkAsync(url, nulled);
        var without = await _client.PostOkAsync(url, left);

        Assert.Equal(Stable(without), Stable(withNull));
    }

    /// <summary>Property names are matched exactly as documented (camelCase); another case is an unknown field.</summary>
    [Theory]
    [InlineData("AmountMg")]
    [InlineData("AGE")]
    [InlineData("amountmg")]
    public async Task APropertyNameInAnotherCaseIsAnUnknownField(string name)
    {
        var body = new JsonObject { ["amountMg"] = 300, ["age"] = 40, [name] = 300 };

        var response = await _client.PostNodeAsync("/api/v1/magnesium/dose-checks", body);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(name, out _), problem.ToString());
    }

    /// <summary>A FHIR QuestionnaireResponse sent as plain JSON is told where and how FHIR is read, in the asker's language.</summary>
    [Theory]
    [InlineData("en", "application/fhir+json")]
    [InlineData("zh-CN", "application/fhir+json")]
    public async Task AFhirResponseSentAsPlainJsonIsToldToSendItAsFhirJson(string language, string mediaType)
    {
        const string Body = """{"resourceType":"QuestionnaireResponse","status":"completed","item":[]}""";

        var response = await _client.PostRawAsync($"/api/v1/insomnia/assessments?lang={language}", Body);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("resourceType")[0].GetString()!;
        Assert.Contains(mediaType, message);
        Assert.Contains("/api/v1/insomnia/assessments", message);
        Assert.Equal(language == "zh-CN", message.Any(c => c is >= '\u4e00' and <= '\u9fff'));
    }

    /// <summary>An unknown name that could be free text is not sent back: the problem names the object that holds it.</summary>
    [Theory]
    [InlineData("/api/v1/magnesium/dose-checks", """{"amountMg":300,"age":40,"I take SECRET4720 for depression":1}""", "body")]
    [InlineData("/api/v1/magnesium/dose-checks", """{"amountMg":300,"age":40,"SECRET4720\u0000x":1}""", "body")]
    [InlineData("/api/v1/guidance", """{"sleep":{"sleepOnsetMinutes":40,"nightWakings":0,"nightsPerWeek":3,"durationDays":30},"profile":{"age":40,"my SECRET4720":true}}""", "profile")]
    [InlineData("/api/v1/guidance", """{"sleep":{"sleepOnsetMinutes":40,"nightWakings":0,"nightsPerWeek":3,"durationDays":30,"über SECRET4720":1},"profile":{"age":40}}""", "sleep")]
    public async Task AnUnknownNameThatIsNotAnIdentifierIsNotRepeated(string url, string body, string field)
    {
        var response = await _client.PostRawAsync(url, body);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("SECRET4720", problem.ToString());
        var errors = problem.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal("Holds a field that this request does not have.", errors.GetProperty(field)[0].GetString());
    }

    [Theory]
    [InlineData("""{"resourceType":"QuestionnaireResponse","status":"completed","item":[null]}""")]
    [InlineData("""{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"numbers","item":[null]}]}""")]
    [InlineData("""{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"nightWakings","answer":[null]}]}""")]
    public async Task AFhirResponseWithNullsInItsListsIsA400(string body)
    {
        var response = await _client.PostAsync("/api/v1/insomnia/assessments", new StringContent(body, System.Text.Encoding.UTF8, "application/fhir+json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
    }

    /// <summary>The body's headers matter only where a body is read: elsewhere the answer is what it would be without them.</summary>
    [Theory]
    [InlineData("GET", "/api/v1/articles", HttpStatusCode.OK)]
    [InlineData("POST", "/api/v1/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("POST", "/health/ready", HttpStatusCode.MethodNotAllowed)]
    public async Task AnEndpointThatReadsNoBodyIgnoresTheBodysCharsetAndCoding(string method, string url, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}") };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=iso-8859-1");
        request.Content.Headers.ContentEncoding.Add("gzip");

        var response = await _client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("gzip", "en", "Send the body uncompressed, without a Content-Encoding header.")]
    [InlineData("br", "zh-CN", "请发送未压缩的请求体，不要带 Content-Encoding 请求头。")]
    [InlineData("deflate", "en", "Send the body uncompressed, without a Content-Encoding header.")]
    public async Task ABodyWithAContentCodingIsA415NamingTheCodingThatIsRead(string coding, string language, string detail)
    {
        var content = new StringContent(ValidBody("/api/v1/magnesium/dose-checks").ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        content.Headers.ContentEncoding.Add(coding);

        var response = await _client.PostAsync($"/api/v1/magnesium/dose-checks?lang={language}", content);

        var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.Equal("identity", response.Headers.GetValues("Accept-Encoding").Single());
    }

    [Fact]
    public async Task ABodyWithTheIdentityCodingIsRead()
    {
        var content = new StringContent(ValidBody("/api/v1/magnesium/dose-checks").ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        content.Headers.ContentEncoding.Add("identity");

        var response = await _client.PostAsync("/api/v1/magnesium/dose-checks", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Without a Content-Type neither reader guesses: plain JSON and a FHIR QuestionnaireResponse alike are a 415.</summary>
    [Theory]
    [InlineData("""{"sleepOnsetMinutes":45,"nightWakings":2,"nightsPerWeek":4,"durationDays":60}""")]
    [InlineData("""{"resourceType":"QuestionnaireResponse","status":"completed","item":[]}""")]
    public async Task AnAssessmentBodyWithoutAMediaTypeIsA415(string body)
    {
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body));

        var response = await _client.PostAsync("/api/v1/insomnia/assessments", content);

        var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        Assert.Contains("application/fhir+json", problem.GetProperty("detail").GetString());
    }

    private static string Stable(JsonElement answer) => answer.ToString();

    private static JsonObject WithChoice(string url, string field, JsonNode? value)
    {
        var body = ValidBody(url);
        var path = field.Split('.');
        var parent = path.Length == 1 ? body : (JsonObject)body[path[0]]!;
        var name = path[^1];
        if (name.EndsWith("[0]", StringComparison.Ordinal))
        {
            parent[name[..^3]] = new JsonArray(value);
        }
        else
        {
            parent[name] = value;
            if (name == "amountBasis")
            {
                parent["form"] = "glycinate";
            }
        }

        return body;
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("   ", "body")]
    [InlineData("\r\n\t", "body")]
    [InlineData("null", "body")]
    [InlineData("[]", "body")]
    [InlineData("{", "body")]
    [InlineData("42", "body")]
    public async Task AnEmptyNullOrNonObjectBodyIsA400NamingTheBody(string body, string field)
    {
        var response = await _client.PostRawAsync("/api/v1/magnesium/dose-checks", body);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n")]
    public async Task AnEmptyOrBlankBodyIsReportedAsMissing(string body)
    {
        var response = await _client.PostRawAsync("/api/v1/magnesium/dose-checks", body);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("A JSON object is required as the request body.", problem.GetProperty("errors").GetProperty("body")[0].GetString());
    }

    [Fact]
    public async Task DeepNestingIsA400()
    {
        var deep = new string('[', 5000) + new string(']', 5000);

        var response = await _client.PostRawAsync("/api/v1/guidance", $$"""{"sleep":{{deep}}}""");

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    private static async Task AssertHandled(HttpResponseMessage response, byte[] body)
    {
        var text = await response.Content.ReadAsStringAsync();
        var shown = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for body {shown}: {text}");
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
        if (!response.IsSuccessStatusCode)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{(int)response.StatusCode} without problem+json for {shown}");
            Assert.Contains("traceId", text);
        }
    }

    private static readonly JsonNode?[] EvilValues =
    [
        null, "", "x", "💥🌙", "\u0000", new string('9', 400), -1, 0, -0.0, 1e308, -1e308, 5e-324, 3.5, 2147483648L, -2147483649L, long.MaxValue,
        true, false, new JsonArray(), new JsonObject(), new JsonArray(1, "a", null), new JsonObject { ["a"] = new JsonObject { ["b"] = 1 } },
        "antibiotics", "compound", "l-threonate", "FEMALE", "Elemental", "2026-11-21", "NaN", "Infinity", "{}", "[]", "null", "<script>alert(1)</script>",
    ];

    private static IEnumerable<byte[]> HostileBodies(JsonObject valid, Random random)
    {
        var fields = Paths(valid).ToList();
        while (true)
        {
            var body = (JsonObject)valid.DeepClone();
            var strategy = random.Next(10);
            switch (strategy)
            {
                case 0 or 1 or 2:
                    Replace(body, fields[random.Next(fields.Count)], EvilValues[random.Next(EvilValues.Length)]?.DeepClone());
                    break;
                case 3:
                    Remove(body, fields[random.Next(fields.Count)]);
                    break;
                case 4:
                    body["unexpected" + random.Next(100)] = EvilValues[random.Next(EvilValues.Length)]?.DeepClone();
                    break;
                case 5:
                    for (var i = 0; i < 3; i++)
                    {
                        Replace(body, fields[random.Next(fields.Count)], EvilValues[random.Next(EvilValues.Length)]?.DeepClone());
                    }

                    break;
            }

            var json = body.ToJsonString();
            yield return strategy switch
            {
                6 => Encoding.UTF8.GetBytes(json[..random.Next(json.Length)]),
                7 => Encoding.UTF8.GetBytes(DuplicateAField(json, random)),
                8 => RandomBytes(random),
                9 => Encoding.UTF8.GetBytes(Nest(random.Next(1, 400), json)),
                _ => Encoding.UTF8.GetBytes(json),
            };
        }
    }

    private static IEnumerable<string[]> Paths(JsonObject node, string[]? prefix = null)
    {
        foreach (var (name, value) in node)
        {
            string[] path = [.. prefix ?? [], name];
            yield return path;
            if (value is JsonObject child)
            {
                foreach (var inner in Paths(child, path))
                {
                    yield return inner;
                }
            }
        }
    }

    private static JsonObject Parent(JsonObject root, string[] path)
    {
        var node = root;
        foreach (var name in path[..^1])
        {
            node = (JsonObject)node[name]!;
        }

        return node;
    }

    private static void Replace(JsonObject root, string[] path, JsonNode? value)
    {
        if (Resolvable(root, path))
        {
            Parent(root, path)[path[^1]] = value;
        }
    }

    private static void Remove(JsonObject root, string[] path)
    {
        if (Resolvable(root, path))
        {
            Parent(root, path).Remove(path[^1]);
        }
    }

    private static bool Resolvable(JsonObject root, string[] path)
    {
        JsonNode? node = root;
        foreach (var name in path[..^1])
        {
            node = (node as JsonObject)?[name];
        }

        return node is JsonObject;
    }

    private static string DuplicateAField(string json, Random random)
    {
        var colon = json.IndexOf(':', random.Next(json.Length / 2));
        var start = colon < 0 ? -1 : json.LastIndexOf('"', json.LastIndexOf('"', colon - 1) - 1);
        return start < 0 ? json : json.Insert(1, json[start..colon] + ":1,");
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 200)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Nest(int depth, string inner) => random(depth) + inner + new string(']', depth);

    private static string random(int depth) => new('[', depth);
}

/// <summary>The size limit is the server's (Kestrel's MaxRequestBodySize per endpoint), so it is tested over a real socket.</summary>
public class BodySizeLimitTests : IClassFixture<BodySizeLimitTests.KestrelFactory>
{
    private readonly HttpClient _client;

    public BodySizeLimitTests(KestrelFactory factory) => _client = factory.CreateClient();

    public sealed class KestrelFactory : MagSleepApiFactory
    {
        public KestrelFactory() => UseKestrel(0);
    }

    /// <summary>Every POST endpoint, and the assessment read as a FHIR QuestionnaireResponse.</summary>
    public static TheoryData<string, string> Bodies()
    {
        var bodies = new TheoryData<string, string> { { "/api/v1/insomnia/assessments", "application/fhir+json" } };
        foreach (var url in HostileInputTests.PostEndpoints)
        {
            bodies.Add(url, "application/json");
        }

        return bodies;
    }

    /// <summary>A valid body after 17 KB of whitespace, which a JSON reader skips: only the size can refuse it.</summary>
    private static string Padded() => new string(' ', 17 * 1024) + Sleep().With("racingMind", true).ToJsonString();

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task ABodyOver16KbIsRefusedWith413(string url, string mediaType)
    {
        var response = await _client.PostAsync(url, new StringContent(Padded(), Encoding.UTF8, mediaType));

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task AStreamedBodyOver16KbIsRefusedWith413(string url, string mediaType)
    {
        var bytes = Encoding.UTF8.GetBytes(Padded());
        var content = new StreamContent(new MemoryStream(bytes)) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } };
        content.Headers.ContentLength = null;
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
