using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MagSleep.Tests.Api;

namespace MagSleep.Tests.Clients;

/// <summary>Runs only where node and npm are installed (.ci/run installs them); elsewhere it says why it was skipped.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (TypeScriptClientFixture.Node is null || TypeScriptClientFixture.Npm is null)
        {
            Skip = "node or npm is not installed here (apt-get install nodejs npm); the TypeScript client is compiled and run with them.";
        }
    }
}

/// <summary>
/// clients/typescript with its packages installed, and the built service as a process of its own on a free port: a
/// partner key for the client's calls, and an anonymous budget small enough for the client's own 429 to come.
/// </summary>
public sealed class TypeScriptClientFixture : IAsyncLifetime
{
    public const string PartnerKey = "typescript-client-partner-key";

    public static readonly string? Node = OnPath("node");
    public static readonly string? Npm = OnPath("npm");

    public static string Folder { get; } = Path.Combine(TestContent.RepositoryRoot, "clients", "typescript");

    private ServiceProcess? _service;

    public string Url => _service!.Url;

    public async Task InitializeAsync()
    {
        if (Node is null || Npm is null)
        {
            return;
        }

        var install = Task.Run(InstallPackages);
        _service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Content__Path"] = TestContent.RealContentDirectory,
            ["ApiKeys__Partners__0__Name"] = "TypeScript client",
            ["ApiKeys__Partners__0__KeySha256"] = MagSleepApiFactory.Sha256Hex(PartnerKey),
            ["RateLimits__PartnerPerMinute"] = "1000000",
            ["RateLimits__AnonymousPerMinute"] = "5",
        });
        await Task.WhenAll(install, _service.WaitUntilListening());
    }

    public Task DisposeAsync()
    {
        _service?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Runs a tool in the client's folder: its exit code, its output (stdout and stderr together), and its stdout alone.</summary>
    public static async Task<(int ExitCode, string Output, string StandardOutput)> Run(string tool, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(tool, arguments)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            Environment = { ["NO_COLOR"] = "1", ["NODE_DISABLE_COLORS"] = "1" },
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        process.OutputDataReceived += (_, e) => Keep(e.Data, standardOutput);
        process.ErrorDataReceived += (_, e) => Keep(e.Data, null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(tool)} {string.Join(' ', arguments)} did not finish in time:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString(), standardOutput.ToString());
        }

        void Keep(string? line, StringBuilder? stream)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.Append(line).Append('\n');
                    stream?.Append(line).Append('\n');
                }
            }
        }
    }

    /// <summary>
    /// npm ci once per clone and lock file: node_modules remembers the lock file it was installed from, so a later
    /// run installs again only when package-lock.json changed.
    /// </summary>
    private static async Task InstallPackages()
    {
        var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Folder, "package-lock.json"))));
        var stamp = Path.Combine(Folder, "node_modules", ".installed-from-lock");
        if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp) == lockHash)
        {
            return;
        }

        var (exitCode, output, _) = await Run(Npm!, ["ci", "--prefer-offline", "--no-audit", "--no-fund"], timeout: TimeSpan.FromMinutes(5));
        Assert.True(exitCode == 0, $"npm ci in clients/typescript failed ({exitCode}):\n{output}");
        await File.WriteAllTextAsync(stamp, lockHash);
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, name))
        .FirstOrDefault(File.Exists);
}

/// <summary>The typed TypeScript client in clients/typescript, compiled under --strict and run against the real service.</summary>
public partial class TypeScriptClientTests(TypeScriptClientFixture client) : IClassFixture<TypeScriptClientFixture>
{
    private const string Regenerate =
        "Regenerate it with `bash clients/typescript/generate.sh` (builds and starts the service, runs openapi-typescript on its document), " +
        "or `npm run generate -- http://localhost:5080` in clients/typescript against a running instance, and commit src/schema.d.ts.";

    [NodeFact]
    public async Task TheClientCompilesUnderStrictAndItsRunAgainstTheServicePasses()
    {
        // tsc both checks and emits: node 20 cannot run TypeScript itself, so the run is of the compiled dist/.
        var (compiled, compilerOutput, _) = await TypeScriptClientFixture.Run(TypeScriptClientFixture.Node!,
            [Path.Combine("node_modules", "typescript", "bin", "tsc"), "--strict", "-p", "tsconfig.json"]);
        Assert.True(compiled == 0, $"tsc --strict failed in clients/typescript:\n{compilerOutput}");

        var (ran, output, _) = await TypeScriptClientFixture.Run(TypeScriptClientFixture.Node!,
            ["--test", "--test-reporter=spec", Path.Combine("dist", "test", "api.test.js")],
            new Dictionary<string, string> { ["MAGSLEEP_URL"] = client.Url, ["MAGSLEEP_API_KEY"] = TypeScriptClientFixture.PartnerKey });
        Assert.True(ran == 0, $"node --test failed against the service:\n{output}");
        var passed = PassCount().Match(output);
        Assert.True(passed.Success && int.Parse(passed.Groups[1].Value) >= 30, $"The client's run should pass its tests, not none:\n{output}");
    }

    /// <summary>
    /// Content (its texts, the examples the engine computes from it, its ids and languages) reaches the types only as
    /// JSDoc and as the literals of a few id lists. Both sides are compared without them, so a content edit alone asks
    /// for no regeneration, while a property added, removed or retyped in a request or an answer still does.
    /// </summary>
    [NodeFact]
    public async Task TheCheckedInTypesAreWhatTheServedDocumentGenerates()
    {
        var (exitCode, output, generated) = await TypeScriptClientFixture.Run(TypeScriptClientFixture.Node!,
            [Path.Combine("scripts", "generate.mjs"), client.Url, "--stdout"],
            new Dictionary<string, string> { ["MAGSLEEP_API_KEY"] = TypeScriptClientFixture.PartnerKey });
        Assert.True(exitCode == 0, $"openapi-typescript failed on the served document:\n{output}");

        var schemaFile = Path.Combine(TypeScriptClientFixture.Folder, "src", "schema.d.ts");
        var checkedIn = File.Exists(schemaFile) ? await File.ReadAllTextAsync(schemaFile) : "";
        var want = Shape(generated);
        var have = Shape(checkedIn);
        if (want.SequenceEqual(have))
        {
            return;
        }

        var line = Enumerable.Range(0, Math.Max(want.Length, have.Length))
            .First(i => i >= want.Length || i >= have.Length || want[i] != have[i]);
        Assert.Fail("clients/typescript/src/schema.d.ts differs from what the served OpenAPI document generates (comments and content's ids aside), first at:\n" +
                    $"  checked in: {(line < have.Length ? have[line] : "(end of file)")}\n" +
                    $"  generated:  {(line < want.Length ? want[line] : "(end of file)")}\n{Regenerate}");
    }

    /// <summary>
    /// The lines of generated types with JSDoc cut down to what types the values (formats, enums, defaults,
    /// deprecation), and with <c>string</c> for the literals of the properties whose enum is content's: the rule-set
    /// ids and language tags SchemaShapes restricts to, and the JSON-LD page's inLanguage. An enum that is made from
    /// content elsewhere belongs in <see cref="ContentIdsProperty"/> too.
    /// </summary>
    private static string[] Shape(string types) =>
        [.. JsDoc().Replace(types.ReplaceLineEndings("\n"), comment => string.Join('\n', TypingTags().Matches(comment.Value).Select(tag => tag.Value.Trim())))
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .Select(line => ContentIdsProperty().IsMatch(line) ? StringLiterals().Replace(line, "string") : line)];

    [GeneratedRegex(@"/\*\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex JsDoc();

    /// <summary>The tags of a JSDoc comment that say what a value is, each to the end of its line or comment.</summary>
    [GeneratedRegex(@"(?:Format:|@enum|@default|@deprecated)[^\n*]*")]
    private static partial Regex TypingTags();

    [GeneratedRegex(@"^(?:form|medications|conditions|language|availableLanguages|inLanguage)\??:")]
    private static partial Regex ContentIdsProperty();

    /// <summary>A union of string literals where a type starts (after <c>:</c>, <c>|</c>, <c>(</c> or <c>&lt;</c>), so an index such as <c>components["schemas"]</c> is left alone.</summary>
    [GeneratedRegex(@"(?<=[:|(<]\s*)""(?:[^""\\]|\\.)*""(?:\s*\|\s*""(?:[^""\\]|\\.)*"")*")]
    private static partial Regex StringLiterals();

    [GeneratedRegex(@"^(?:ℹ|#) pass (\d+)$", RegexOptions.Multiline)]
    private static partial Regex PassCount();
}
