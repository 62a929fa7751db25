using System.Diagnostics;

namespace MagSleep.Tests;

/// <summary>
/// The benchmark scripts are not run by the tests (`bash bench/run.sh --check` builds three Release apps, which
/// takes minutes), but they must stay valid bash.
/// </summary>
public class BenchScriptsTests
{
    [Theory]
    [InlineData("bench/run.sh")]
    [InlineData("bench/soak.sh")]
    [InlineData("bench/lib.sh")]
    public async Task TheScriptsAreValidBash(string script)
    {
        var (exitCode, text) = await Bash(["-n", script]);

        Assert.True(exitCode == 0, text);
    }

    private static async Task<(int ExitCode, string Output)> Bash(string[] arguments)
    {
        var start = new ProcessStartInfo("bash", arguments)
        {
            WorkingDirectory = TestContent.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
