using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
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
    [MemberData(nameof(PostEndpoints))]
    public async Task ABodyOver16KbIsRefusedWith413(string url)
    {
        var padded = ValidBody(url).With("padding", new string('x', 17 * 1024));

        var response = await _client.PostNodeAsync(url, padded);

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [MemberData(nameof(PostEndpoints))]
    public async Task AStreamedBodyOver16KbIsRefusedWith413(string url)
    {
        var bytes = Encoding.UTF8.GetBytes(ValidBody(url).With("padding", new string('x', 17 * 1024)).ToJsonString());
        var content = new StreamContent(new MemoryStream(bytes)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        content.Headers.ContentLength = null;
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task AWrongMediaTypeIsRefusedWith415(string mediaType)
    {
        var content = new StringContent(ValidBody("/api/v1/guidance").ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);

        var response = await _client.PostAsync("/api/v1/guidance", content);

        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("", "body")]
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
