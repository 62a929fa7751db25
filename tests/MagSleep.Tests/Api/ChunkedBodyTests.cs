using System.Net.Sockets;
using System.Text;

namespace MagSleep.Tests.Api;

/// <summary>
/// Chunked request bodies over a real socket: the test server does not parse chunked framing, Kestrel does, and a
/// framing error it finds must be the client's 400 on every route, never a 500.
/// </summary>
public class ChunkedBodyTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    public static TheoryData<string, string, string> BrokenChunks()
    {
        var data = new TheoryData<string, string, string>();
        string[] chunks =
        [
            "FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
            "7FFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
            "zz\r\n{}\r\n0\r\n\r\n",
            "2\r\n{}XX0\r\n\r\n",
        ];
        (string Method, string Path)[] routes =
        [
            ("POST", "/api/v1/guidance"),
            ("POST", "/api/v1/magnesium/dose-checks"),
            ("POST", "/api/v1/insomnia/assessments"),
            ("GET", "/api/v1/articles"),
            ("GET", "/api/v1/search?q=magnesium"),
            ("POST", "/api/v1/articles"),
            ("GET", "/health/ready"),
        ];
        foreach (var (method, path) in routes)
        {
            foreach (var chunk in chunks)
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

    [Fact]
    public async Task APageThatReadsNoBodyIsServedDespiteABrokenOne()
    {
        var status = await SendRaw("GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n");

        Assert.Equal(200, status);
    }

    private async Task<int> SendRaw(string request)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(factory.Address.Host, factory.Address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var statusLine = await reader.ReadLineAsync(timeout.Token) ?? "";
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
