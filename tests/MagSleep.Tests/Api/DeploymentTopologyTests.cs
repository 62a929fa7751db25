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
