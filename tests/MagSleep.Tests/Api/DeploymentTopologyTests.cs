using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace MagSleep.Tests.Api;

/// <summary>Runs only where nginx and redis-server are installed (.ci/run installs both); elsewhere it says why it was skipped.</summary>
public sealed class TopologyFactAttribute : FactAttribute
{
    public TopologyFactAttribute()
    {
        if (NginxProxy.Executable is null || RedisServer.Executable is null)
        {
            Skip = "nginx or redis-server is not installed here (apt-get install nginx redis-server); the deployment topology runs them for real.";
        }
    }
}

/// <summary>
/// deploy/compose.yaml without containers: nginx, run from deploy/nginx.conf, in front of two processes of the
/// built service that share one redis-server, all on loopback.
/// </summary>
public class DeploymentTopologyTests
{
    private const int AnonymousPerMinute = 6;
    private const string PartnerKey = "topology-partner-key";

    // nginx connects from its own loopback address, the one the instances trust; clients come from others.
    private static readonly IPAddress Nginx = IPAddress.Parse("127.0.0.2");

    [TopologyFact]
    public async Task TwoInstancesBehindNginxServeInTurnShareOneBudgetAndRetryEveryUnansweredRequestWhenOneDies()
    {
        using var redis = new RedisServer();
        var settings = new Dictionary<string, string>
        {
            ["Content__Path"] = TestContent.RealContentDirectory,
            ["RateLimits__Redis"] = redis.ConnectionString,
            // Redis stays up throughout: on a busy machine a slow first connect past the 250 ms default would count
            // as an outage, and each instance would fall back to a budget of its own.
            ["RateLimits__RedisTimeoutMilliseconds"] = "5000",
            ["RateLimits__AnonymousPerMinute"] = AnonymousPerMinute.ToString(),
            ["RateLimits__PartnerPerMinute"] = "1000000",
            ["ApiKeys__Partners__0__Name"] = "Topology",
            ["ApiKeys__Partners__0__KeySha256"] = MagSleepApiFactory.Sha256Hex(PartnerKey),
            ["Proxies__Trusted__0"] = Nginx.ToString(),
        };
        using var first = ServiceProcess.Start(settings);
        using var second = ServiceProcess.Start(settings);
        await Task.WhenAll(first.WaitUntilListening(), second.WaitUntilListening());
        using var nginx = NginxProxy.Start([first.Port, second.Port], Nginx);
        await nginx.WaitUntilListening();
        var firstUpstream = $"127.0.0.1:{first.Port}";
        var secondUpstream = $"127.0.0.1:{second.Port}";

        // Round robin: one keep-alive connection, so one nginx worker's order, alternating between the two.
        using var client = Client(IPAddress.Parse("127.0.0.3"), nginx.Port);
        var served = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var response = await client.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            served.Add(Upstream(response));
        }

        Assert.Equal(new[] { firstUpstream, secondUpstream }.Order(), served.Distinct().Order());
        Assert.All(served.Zip(served.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));

        await OneBudgetForEachClientAddressAcrossBothInstances(nginx.Port, [firstUpstream, secondUpstream]);

        // One instance killed while requests are in flight. nginx retries every request the dead instance had not
        // begun to answer, so none of those fails. An answer already under way when the process died cannot be
        // retried by any proxy (its status line has reached the client): at most one per client, and only then.
        var lost = new ConcurrentQueue<string>();
        var cutOff = new ConcurrentQueue<string>();
        var upstreamsAfterKill = new ConcurrentBag<string>();
        const int Workers = 6;
        var completed = 0;
        var killed = false;
        using var partner = Client(IPAddress.Parse("127.0.0.9"), nginx.Port);
        partner.DefaultRequestHeaders.Add("X-Api-Key", PartnerKey);
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                var startedAfterKill = Volatile.Read(ref killed);
                using var request = i % 2 == 0
                    ? new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/magnesium-and-sleep")
                    : new HttpRequestMessage(HttpMethod.Post, "/api/v1/magnesium/dose-checks")
                    {
                        Content = new StringContent("""{"amountMg":250,"age":40}""", Encoding.UTF8, "application/json"),
                    };
                HttpResponseMessage? response = null;
                try
                {
                    response = await partner.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        lost.Enqueue($"{(int)response.StatusCode} from {Upstream(response)}: {body}");
                    }
                    else if (startedAfterKill)
                    {
                        upstreamsAfterKill.Add(Upstream(response));
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    // Without headers the request was lost; with them, its answer was cut off on the way.
                    if (response is null || startedAfterKill)
                    {
                        lost.Enqueue(e.Message);
                    }
                    else
                    {
                        cutOff.Enqueue($"{Upstream(response)}: {e.Message}");
                    }
                }
                finally
                {
                    response?.Dispose();
                }

                if (Interlocked.Increment(ref completed) == 100)
                {
                    first.Process.Kill();
                    first.Process.WaitForExit();
                    Volatile.Write(ref killed, true);
                }
            }
        })).ToList();
        await Task.WhenAll(workers);

        Assert.True(lost.IsEmpty, $"{lost.Count} of 360 requests failed: {string.Join(" | ", lost.Take(5))}");
        Assert.InRange(cutOff.Count, 0, Workers);
        Assert.All(cutOff, answer => Assert.StartsWith(firstUpstream, answer));
        Assert.True(first.Process.HasExited);
        Assert.NotEmpty(upstreamsAfterKill);
        Assert.All(upstreamsAfterKill, upstream => Assert.EndsWith(secondUpstream, upstream));

        await ASearchRetriedOnAnotherInstanceLeavesItsTermsInNoNginxLog(second.Port);
    }

    /// <summary>
    /// What nginx answers itself: no instance reachable, a request it will not pass on, its own internal path. Each
    /// answer is a problem with the status, title and detail of its kind in the asker's language, names no server
    /// software, and its log line names the path asked for without the query.
    /// </summary>
    [TopologyFact]
    public async Task WhatNginxAnswersItselfIsAProblemInTheAskersLanguage()
    {
        const string Term = "pregnantsecretterm";
        using var dead = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        dead.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var proxy = NginxProxy.Start([((IPEndPoint)dead.LocalEndPoint!).Port], Nginx);
        await proxy.WaitUntilListening();
        using var client = Client(IPAddress.Parse("127.0.0.5"), proxy.Port);
        var longHeader = new string('a', 9000);
        var cases = new List<(string Name, Func<HttpRequestMessage> Request, HttpStatusCode Status, string Language, string Title)>
        {
            ("no instance", () => Get("/api/v1/articles"), HttpStatusCode.BadGateway, "en", "The service could not answer."),
            ("?lang=zh-CN", () => Get("/api/v1/articles?lang=zh-CN"), HttpStatusCode.BadGateway, "zh-CN", "服务暂时无法响应。"),
            ("?lang= before Accept-Language", () => Get("/api/v1/articles?lang=en", "zh-CN"), HttpStatusCode.BadGateway, "en", "The service could not answer."),
            ("Accept-Language zh-Hans-CN", () => Get($"/api/v1/search?q={Term}", "zh-Hans-CN, en;q=0.5"), HttpStatusCode.BadGateway, "zh-CN", "服务暂时无法响应。"),
            ("Accept-Language zh-TW", () => Get("/api/v1/articles", "zh-TW"), HttpStatusCode.BadGateway, "en", "The service could not answer."),
            ("a POST", () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/guidance") { Content = new StringContent("{}", Encoding.UTF8, "application/json") },
                HttpStatusCode.BadGateway, "en", "The service could not answer."),
            ("an address too long", () => Get("/api/v1/articles/" + longHeader), HttpStatusCode.RequestUriTooLong, "en", "Address too long"),
            ("headers too large", () => { var r = Get("/api/v1/articles"); r.Headers.Add("X-Large", longHeader); return r; }, HttpStatusCode.BadRequest, "en", "The request could not be read."),
            ("a body over nginx's limit", () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/guidance?lang=zh-CN") { Content = new ByteArrayContent(new byte[2 * 1024 * 1024]) },
                HttpStatusCode.RequestEntityTooLarge, "zh-CN", "请求体过大"),
            ("the problem page asked for", () => Get("/.problem"), HttpStatusCode.NotFound, "en", "Not found"),
            ("TRACE", () => new HttpRequestMessage(HttpMethod.Trace, "/api/v1/articles?lang=zh-CN"), HttpStatusCode.MethodNotAllowed, "zh-CN", "不支持该请求方法"),
        };
        // nginx's map copies content's language aliases by hand: every tag the content serves a language under, and
        // some it must not read as Chinese, at full weight first (the language it names) and not (the default).
        var languages = TestContent.Languages;
        var tags = languages.All.SelectMany(l => (l.Aliases ?? []).Append(l.Tag)).Select(t => t.Replace("*", "HK-x1", StringComparison.Ordinal))
            .Concat(["zh-Hant", "zh-TW", "zh-HK", "zh-Hant-CN", "zhx", "ZH-hans", "fr"]);
        foreach (var tag in tags)
        {
            var named = languages.Match(tag) ?? languages.Default;
            foreach (var (header, language) in new[] { (tag, named), ($"{tag};q=1, fr", named), ($" {tag} ; q=1.000 ,en;q=0.5", named), ($"{tag};q=0.9, en", languages.Default), ($"{tag};q=0", languages.Default) })
            {
                cases.Add(($"Accept-Language {header}", () => Get("/api/v1/articles", header), HttpStatusCode.BadGateway, language, language == "en" ? "The service could not answer." : "服务暂时无法响应。"));
            }
        }

        foreach (var (name, request, status, language, title) in cases)
        {
            using var response = await client.SendAsync(request());
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{name}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Content.Headers.ContentLanguage.SequenceEqual([language]), $"{name}: {string.Join(", ", response.Content.Headers.ContentLanguage)}");
            using var problem = System.Text.Json.JsonDocument.Parse(body);
            Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
            Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()), name);
            Assert.StartsWith("https://tools.ietf.org/html/rfc9110#section-15.", problem.RootElement.GetProperty("type").GetString());
            Assert.DoesNotContain("nginx", body, StringComparison.OrdinalIgnoreCase);
        }

        // Requests no HTTP client here would send.
        foreach (var (request, status, title) in new[]
        {
            ("GARBAGE\r\n\r\n", 400, "The request could not be read."),
            ("GET /api/v1/articles HTTP/2.0\r\nHost: a\r\n\r\n", 505, "HTTP version not supported"),
            ("POST /api/v1/guidance HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 501, "Transfer coding not supported"),
        })
        {
            using var raw = new TcpClient();
            await raw.ConnectAsync(IPAddress.Loopback, proxy.Port);
            var stream = raw.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
            var answer = await new StreamReader(stream).ReadToEndAsync();
            Assert.StartsWith($"HTTP/1.1 {status} ", answer);
            Assert.Contains("Content-Type: application/problem+json", answer);
            Assert.Contains($"{{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.", answer);
            Assert.Contains($"\"title\":\"{title}\",\"status\":{status},\"detail\":\"", answer);
            Assert.DoesNotContain("<html", answer);
        }

        var logs = await proxy.AllLogs();
        Assert.Contains("\"GET /api/v1/articles\" 502", logs);
        Assert.Contains("\"GET /api/v1/search\" 502", logs);
        Assert.Contains("\"GET /.problem\" 404", logs);
        // The method as sent, not the GET of nginx's internal redirect to its problem page.
        Assert.Contains("\"POST /api/v1/guidance\" 502", logs);
        Assert.Contains("\"TRACE /api/v1/articles\" 405", logs);
        Assert.DoesNotContain(Term, logs);
        Assert.DoesNotContain("lang=", logs);

        static HttpRequestMessage Get(string path, string? acceptLanguage = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (acceptLanguage is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
            }

            return request;
        }
    }

    /// <summary>A fresh nginx tries a dead instance first, fails over, and logs the failover without the query.</summary>
    private static async Task ASearchRetriedOnAnotherInstanceLeavesItsTermsInNoNginxLog(int livePort)
    {
        const string Term = "pregnantsecretterm";
        // Bound but not listening: connections are refused, and no other test can take the port meanwhile.
        using var dead = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        dead.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var deadPort = ((IPEndPoint)dead.LocalEndPoint!).Port;
        using var proxy = NginxProxy.Start([deadPort, livePort], Nginx);
        await proxy.WaitUntilListening();
        using var client = Client(IPAddress.Parse("127.0.0.4"), proxy.Port);

        var response = await client.GetAsync($"/api/v1/search?q=magnesium%20{Term}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"127.0.0.1:{deadPort}, 127.0.0.1:{livePort}", Upstream(response));
        var logs = await proxy.AllLogs();
        Assert.Contains("GET /api/v1/search", logs);
        Assert.DoesNotContain(Term, logs);
    }

    /// <summary>
    /// Each client address gets one budget, counted in Redis, whichever instance serves it. The window is the wall
    /// clock's minute, so a run that straddles a minute's end is repeated once with fresh addresses.
    /// </summary>
    private static async Task OneBudgetForEachClientAddressAcrossBothInstances(int port, string[] upstreams)
    {
        for (var attempt = 0; ; attempt++)
        {
            var minute = DateTime.UtcNow.Minute;
            using var client = Client(IPAddress.Parse($"127.0.0.{10 + 2 * attempt}"), port);
            using var other = Client(IPAddress.Parse($"127.0.0.{11 + 2 * attempt}"), port);
            var servedBy = new HashSet<string>();
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < AnonymousPerMinute; i++)
            {
                var response = await client.GetAsync("/api/v1/articles");
                statuses.Add(response.StatusCode);
                servedBy.Add(Upstream(response));
            }

            var overBudget = await client.GetAsync("/api/v1/articles");
            var spoofed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
            spoofed.Headers.Add("X-Forwarded-For", "198.51.100.7");
            var spoofedAnswer = await client.SendAsync(spoofed);
            var otherAnswer = await other.GetAsync("/api/v1/articles");
            if (DateTime.UtcNow.Minute != minute && attempt == 0)
            {
                continue;
            }

            Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
            Assert.Equal(upstreams.Order(), servedBy.Order());
            // Two budgets of their own would have let each instance serve this client six times.
            await overBudget.ProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal(HttpStatusCode.TooManyRequests, spoofedAnswer.StatusCode);
            // Everyone arrives from nginx's address; the other client still has its own budget.
            Assert.Equal(HttpStatusCode.OK, otherAnswer.StatusCode);
            return;
        }
    }

    private static string Upstream(HttpResponseMessage response) =>
        response.Headers.TryGetValues(NginxProxy.UpstreamHeader, out var values) ? values.Single() : "(no upstream header)";

    /// <summary>A client whose connections leave from <paramref name="local"/>, so nginx sees it as that address.</summary>
    private static HttpClient Client(IPAddress local, int port) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancel) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancel);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
}

/// <summary>
/// nginx from deploy/nginx.conf in a temporary prefix, no root needed: the same upstream, proxy and retry settings,
/// with loopback addresses, its own logs and temporary folders, one worker, and the upstream that served each answer
/// in a response header (for the test only).
/// </summary>
public sealed class NginxProxy : IDisposable
{
    public const string UpstreamHeader = "X-Upstream";

    public static readonly string? Executable = new[] { "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx" }.FirstOrDefault(File.Exists);

    private readonly Process _process;
    private readonly DirectoryInfo _prefix;

    private NginxProxy(Process process, DirectoryInfo prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        Port = port;
    }

    public int Port { get; }

    public static NginxProxy Start(int[] upstreamPorts, IPAddress bind)
    {
        var prefix = Directory.CreateTempSubdirectory("magsleep-nginx-");
        var port = ServiceProcess.FreePort();
        var config = Configuration(File.ReadAllText(Path.Combine(TestContent.RepositoryRoot, "deploy", "nginx.conf")), prefix.FullName, port, upstreamPorts, bind);
        var file = Path.Combine(prefix.FullName, "nginx.conf");
        File.WriteAllText(file, config);
        var process = Process.Start(new ProcessStartInfo(Executable!,
            ["-p", prefix.FullName, "-c", file, "-e", Path.Combine(prefix.FullName, "error.log"), "-g", $"daemon off; pid {Path.Combine(prefix.FullName, "nginx.pid")};"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        return new NginxProxy(process, prefix, port);
    }

    /// <summary>deploy/nginx.conf with each part that names the compose network replaced; a part that is not found fails the test, so the two cannot drift apart.</summary>
    internal static string Configuration(string deployed, string prefix, int port, int[] upstreamPorts, IPAddress bind)
    {
        string Replace(string text, string pattern, Func<Match, string> replacement)
        {
            Assert.Single(Regex.Matches(text, pattern, RegexOptions.Multiline));
            return Regex.Replace(text, pattern, m => replacement(m), RegexOptions.Multiline);
        }

        var config = Replace(deployed, @"^worker_processes .*;$", _ => "worker_processes 1;");
        config = Replace(config, @"^(\s*)server api:8080(?<parameters>[^;]*);$",
            m => string.Join("\n", upstreamPorts.Select(p => $"{m.Groups[1].Value}server 127.0.0.1:{p}{m.Groups["parameters"].Value};")));
        config = Replace(config, @"^(\s*)listen 8080;$", m => string.Join("\n",
            $"{m.Groups[1].Value}listen 127.0.0.1:{port};",
            $"{m.Groups[1].Value}proxy_bind {bind};",
            $"{m.Groups[1].Value}add_header {UpstreamHeader} $upstream_addr always;"));
        config = Replace(config, @"access_log /dev/stdout", _ => $"access_log {Path.Combine(prefix, "access.log")}");
        config = Replace(config, @"^error_log /dev/stderr", _ => $"error_log {Path.Combine(prefix, "error.log")}");
        config = Replace(config, @"^http \{$", _ => "http {\n" + string.Join("\n",
            new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }.Select(t => $"    {t}_temp_path {Path.Combine(prefix, t)};")));
        return config;
    }

    public Task WaitUntilListening() => ServiceProcess.WaitUntilListening(Port, _process, ErrorLog);

    private string ErrorLog()
    {
        var log = Path.Combine(_prefix.FullName, "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no error log)";
    }

    /// <summary>Everything nginx has logged: its access and error logs.</summary>
    public async Task<string> AllLogs()
    {
        var access = Path.Combine(_prefix.FullName, "access.log");
        var written = File.Exists(access) ? await File.ReadAllTextAsync(access) : "";
        return written + ErrorLog();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        try
        {
            _prefix.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
