using System.Diagnostics;

namespace MagSleep.Tests;

/// <summary>The benchmark is not run by the tests, but it must keep working: both apps build and every request it sends is answered.</summary>
public class BenchScriptsTests
{
    [Fact]
    public async Task RunShBuildsBothAppsStartsThemAndEveryBenchmarkedRequestIsAnswered()
    {
        var output = Directory.CreateTempSubdirectory("magsleep-bench-check");
        try
        {
            var (exitCode, text) = await Bash(["bench/run.sh", "--check"], ("BENCH_OUT", output.FullName));

            Assert.True(exitCode == 0, text);
            Assert.Contains("check passed", text);
            Assert.True(File.Exists(Path.Combine(output.FullName, "baseline", "Baseline.dll")), text);
            Assert.True(File.Exists(Path.Combine(output.FullName, "magsleep", "MagSleep.Api.dll")), text);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("bench/run.sh")]
    [InlineData("bench/soak.sh")]
    [InlineData("bench/lib.sh")]
    public async Task TheScriptsAreValidBash(string script)
    {
        var (exitCode, text) = await Bash(["-n", script]);

        Assert.True(exitCode == 0, text);
    }

    private static async Task<(int ExitCode, string Output)> Bash(string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash", arguments)
        {
            WorkingDirectory = TestContent.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
