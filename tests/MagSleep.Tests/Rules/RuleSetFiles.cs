using MagSleep.Core.Rules;

namespace MagSleep.Tests.Rules;

/// <summary>The shipped rule set, loaded once, and temp copies of it for tests that edit content.</summary>
internal static class RuleSetFiles
{
    private static readonly Lazy<string> Directory_ = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "content", "rules");
            if (File.Exists(Path.Combine(candidate, RuleSetLoader.ManifestFile)))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("content/rules not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<RulesEngine> Shipped = new(() => RulesEngine.Load(Directory));

    public static string Directory => Directory_.Value;

    public static RulesEngine Engine => Shipped.Value;

    private static readonly Lazy<MagSleep.Core.Questionnaire.SleepQuestionnaire> ShippedQuestionnaire =
        new(() => MagSleep.Core.Questionnaire.SleepQuestionnaire.Load(Path.GetDirectoryName(Directory)!, Engine));

    /// <summary>The version of the questionnaire content/ serves: the rule set's version with a digest of its questions.</summary>
    public static string QuestionnaireVersion => ShippedQuestionnaire.Value.Version();

    /// <summary>Copies content/rules to a fresh temp folder that the caller may edit and must delete.</summary>
    public static TempRules Copy()
    {
        var target = Path.Combine(Path.GetTempPath(), "magsleep-rules-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.json"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return new TempRules(target);
    }
}

internal sealed class TempRules(string directory) : IDisposable
{
    public string Directory { get; } = directory;

    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>Edits one file as a JSON tree.</summary>
    public void Edit(string file, Action<System.Text.Json.Nodes.JsonNode> edit)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(PathOf(file)))!;
        edit(node);
        File.WriteAllText(PathOf(file), node.ToJsonString());
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

/// <summary>Short-hands for building requests in tests.</summary>
internal static class Requests
{
    public static SleepAnswers Sleep(int onset = 10, int wakings = 0, int nights = 0, int days = 0, bool hardToFallBackAsleep = false,
        bool unrefreshing = false, bool daytime = false) =>
        new(onset, wakings, nights, days, hardToFallBackAsleep, unrefreshing, daytime);

    public static PersonProfile HealthyAdult(int age = 40) => new(age, Sex.Female);

    public static DoseAmount Elemental(double mg) => new(mg);
}
