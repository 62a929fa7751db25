using System.Net;
using MagSleep.Core.Content;

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
    public async Task ParametersCarryExamplesThatWork()
    {
        var document = await _client.GetJsonAsync("/swagger/v1/swagger.json");

        var parameters = document.GetProperty("paths").GetProperty("/api/v1/articles/{slug}/sections/{sectionId}").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("example").GetString()!);

        await _client.GetJsonAsync($"/api/v1/articles/{parameters["slug"]}/sections/{parameters["sectionId"]}?lang={parameters["lang"]}");
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
}
