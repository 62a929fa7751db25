using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MagSleep.Tests.Api;

/// <summary>The built service (the API project's own build output) as a process of its own, in Production, with its output kept.</summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, int port)
    {
        Process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>src/MagSleep.Api/bin/{configuration}/{framework}/, the folder the build leaves the app in.</summary>
    public static string AppFolder { get; } = Path.Combine(TestContent.RepositoryRoot, "src", "MagSleep.Api",
        Path.GetRelativePath(Path.Combine(TestContent.RepositoryRoot, "tests", "MagSleep.Tests"), AppContext.BaseDirectory));

    public Process Process { get; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app with the given settings (environment variables) from <paramref name="workingDirectory"/>, or the app's folder.</summary>
    public static ServiceProcess Start(IReadOnlyDictionary<string, string> settings, string? workingDirectory = null, int? port = null)
    {
        var chosen = port ?? FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppFolder, "MagSleep.Api.dll"), "--urls", $"http://127.0.0.1:{chosen}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? AppFolder,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return new ServiceProcess(Process.Start(start)!, chosen);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> Handed = new();

    /// <summary>
    /// A port free now and not handed out before in this run: the system can give a just-released port again, and two
    /// servers started one after the other were then told to listen on the same one.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (Handed.TryAdd(port, true))
            {
                return port;
            }
        }
    }

    /// <summary>Waits until something accepts connections on the port, failing with the process's output if it exits first.</summary>
    public static async Task WaitUntilListening(int port, Process? process = null, Func<string>? output = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process is { HasExited: true })
            {
                Assert.Fail($"The process exited with {process.ExitCode}: {output?.Invoke()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(25);
            }
        }
    }

    public Task WaitUntilListening() => WaitUntilListening(Port, Process, () => Output);

    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cancel.Token);
        return Process.ExitCode;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(line).Append('\n');
        }
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(5000);
        }

        Process.Dispose();
    }
}
