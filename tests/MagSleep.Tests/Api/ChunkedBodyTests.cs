using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace MagSleep.Tests.Api;

/// <summary>
/// Chunked request bodies over a real socket: the test server does not parse chunked framing, Kestrel does, and a
/// framing error it finds is the client's 400 wherever the body is read, and never a 500 anywhere.
/// </summary>
public class ChunkedBodyTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    private static readonly string[] Chunks =
    [
        "FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
        "7FFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
        "zz\r\n{}\r\n0\r\n\r\n",
        "2\r\n{}XX0\r\n\r\n",
    ];

    public static TheoryData<string, string, string> BrokenChunks() => Combine(
    [
        ("POST", "/api/v1/guidance"),
        ("POST", "/api/v1/magnesium/dose-checks"),
        ("POST", "/api/v1/insomnia/assessments"),
    ]);

    /// <summary>Routes that never read a body: they answer as they would without one (a 405 for a wrong method).</summary>
    public static TheoryData<string, string, string> BrokenChunksWhereNoBodyIsRead() => Combine(
    [
        ("GET", "/api/v1/articles"),
        ("GET", "/api/v1/search?q=magnesium"),
        ("POST", "/api/v1/articles"),
        ("GET", "/health/ready"),
    ]);

    private static TheoryData<string, string, string> Combine((string Method, string Path)[] routes)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (method, path) in routes)
        {
            foreach (var chunk in Chunks)
            {
                data.Add(method, path, chunk);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenChunks))]
    public async Task ABrokenChunkedBodyIsTheClientsError(string method, string path, string chunks)
    {
        var status = await SendRaw($"{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunks}");

        Assert.True(status == 400, $"{method} {path} answered {status}");
        Assert.Equal("ready", (await factory.CreateSocketClient().GetJsonAsync("/health/ready")).GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(BrokenChunksWhereNoBodyIsRead))]
    public async Task ARouteThatReadsNoBodyAnswersAsWithoutOne(string method, string path, string chunks)
    {
        var status = await SendRaw($"{method} {path} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunks}");

        Assert.True(status == (method == "GET" ? 200 : 405), $"{method} {path} answered {status}");
        Assert.Equal("ready", (await factory.CreateSocketClient().GetJsonAsync("/health/ready")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task APageThatReadsNoBodyIsServedDespiteABrokenOne()
    {
        var status = await SendRaw("GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n");

        Assert.Equal(200, status);
    }

    /// <summary>Read by the framework's JSON binding, and by the FHIR reader, which meets a broken framing its own way.</summary>
    public static TheoryData<string, string, int> BrokenChunksInEachReader()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (path, mediaType) in new[] { ("/api/v1/guidance", "application/json"), ("/api/v1/insomnia/assessments", "application/fhir+json") })
        {
            for (var chunks = 0; chunks < Chunks.Length; chunks++)
            {
                data.Add(path, mediaType, chunks);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenChunksInEachReader))]
    public async Task ABrokenChunkedBodyIsExplainedInTheAskersLanguage(string path, string mediaType, int chunks)
    {
        var (status, response) = await Exchange(
            $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {mediaType}\r\nAccept-Language: zh-CN\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{Chunks[chunks]}");

        Assert.Equal(400, status);
        Assert.Contains("Content-Language: zh-CN", response);
        var problem = JsonDocument.Parse(response[response.IndexOf('{')..(response.LastIndexOf('}') + 1)]).RootElement;
        var field = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("body", field.Name);
        var message = Assert.Single(field.Value.EnumerateArray()).GetString()!;
        Assert.Matches(@"^\P{IsBasicLatin}", message);
    }

    /// <summary>Sent chunked, a body's length is not known ahead: one cut off inside a number is still reported as cut off.</summary>
    [Theory]
    [InlineData("{\"amountMg\":300,\"age\":30")]
    [InlineData("{\"amountMg\":3")]
    public async Task AChunkedBodyCutOffInsideANumberIsReportedAsIncomplete(string body)
    {
        var chunk = $"{Encoding.UTF8.GetByteCount(body):x}\r\n{body}\r\n0\r\n\r\n";
        var (status, response) = await Exchange(
            $"POST /api/v1/magnesium/dose-checks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunk}");

        Assert.Equal(400, status);
        var problem = JsonDocument.Parse(response[response.IndexOf('{')..(response.LastIndexOf('}') + 1)]).RootElement;
        var field = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("body", field.Name);
        Assert.Contains("not complete JSON", Assert.Single(field.Value.EnumerateArray()).GetString());
    }

    /// <summary>A body that stops arriving is timed out by Kestrel (its minimum data rate) while a reader waits for it.</summary>
    [Theory]
    [InlineData("/api/v1/magnesium/dose-checks", "application/json")]
    [InlineData("/api/v1/insomnia/assessments", "application/fhir+json")]
    public async Task ABodyThatStopsArrivingIsA408NamingTheBodyInTheAskersLanguage(string path, string mediaType)
    {
        var (status, response) = await Exchange(
            $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {mediaType}\r\nAccept-Language: zh-CN\r\nContent-Length: 100\r\n\r\n{{\"amountMg\":300,\"age\":4");

        Assert.Equal(408, status);
        Assert.Contains("Content-Language: zh-CN", response);
        var problem = JsonDocument.Parse(response[response.IndexOf('{')..(response.LastIndexOf('}') + 1)]).RootElement;
        Assert.True(problem.TryGetProperty("errors", out _), response);
        Assert.Equal("请求超时", problem.GetProperty("title").GetString());
        var field = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("body", field.Name);
        Assert.Contains("未能及时传完", Assert.Single(field.Value.EnumerateArray()).GetString());
    }

    private async Task<int> SendRaw(string request) => (await Exchange(request)).Status;

    /// <summary>The status and the whole answer, headers and body, as sent on the socket.</summary>
    private async Task<(int Status, string Response)> Exchange(string request)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(factory.Address.Host, factory.Address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var response = await reader.ReadToEndAsync(timeout.Token);
        return (int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture), response);
    }
}
