using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MagSleep.Tests.Api;

/// <summary>The built service (the API project's own build output) as a process of its own, in Production, with its output kept.</summary>
internal sealed partial class ServiceProcess : IDisposable
{
    private readonly StringBuilder _output = new();

    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process, int? port)
    {
        Process = process;
        if (port is { } chosen)
        {
            _port.SetResult(chosen);
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>src/MagSleep.Api/bin/{configuration}/{framework}/, the folder the build leaves the app in.</summary>
    public static string AppFolder { get; } = Path.Combine(TestContent.RepositoryRoot, "src", "MagSleep.Api",
        Path.GetRelativePath(Path.Combine(TestContent.RepositoryRoot, "tests", "MagSleep.Tests"), AppContext.BaseDirectory));

    public Process Process { get; }

    /// <summary>The port it listens on; known once <see cref="WaitUntilListening()"/> has returned.</summary>
    public int Port => _port.Task.IsCompletedSuccessfully ? _port.Task.Result : throw new InvalidOperationException("The service has not said which port it listens on yet.");

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

    /// <summary>
    /// Starts the app with the given settings (environment variables) from <paramref name="workingDirectory"/>, or the
    /// app's folder. Without a <paramref name="port"/> it listens on one the system picks as it binds, read from its
    /// start-up log, so no other process can take the port between choosing it and listening on it.
    /// </summary>
    public static ServiceProcess Start(IReadOnlyDictionary<string, string> settings, string? workingDirectory = null, int? port = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppFolder, "MagSleep.Api.dll"), "--urls", $"http://127.0.0.1:{port ?? 0}"])
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

        return new ServiceProcess(Process.Start(start)!, port);
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

    public async Task WaitUntilListening()
    {
        var exited = Process.WaitForExitAsync();
        var deadline = Task.Delay(TimeSpan.FromSeconds(60));
        if (await Task.WhenAny(_port.Task, exited, deadline) != _port.Task)
        {
            Assert.Fail(Process.HasExited
                ? $"The process exited with {Process.ExitCode}: {Output}"
                : $"The service did not say it was listening within 60 s: {Output}");
        }

        await WaitUntilListening(Port, Process, () => Output);
    }

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

        if (ListeningOn().Match(line) is { Success: true } listening)
        {
            _port.TrySetResult(int.Parse(listening.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
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

    [System.Text.RegularExpressions.GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(\d+)")]
    private static partial System.Text.RegularExpressions.Regex ListeningOn();
}
