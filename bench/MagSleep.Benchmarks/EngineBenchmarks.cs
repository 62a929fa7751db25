using BenchmarkDotNet.Attributes;
using MagSleep.Core.Rules;

namespace MagSleep.Benchmarks;

/// <summary>One request of each kind against the shipped rule set: time and allocations per call.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private RulesEngine _engine = null!;
    private SleepAnswers _sleep = null!;
    private PersonProfile _healthyAdult = null!;
    private PersonProfile _riskProfile = null!;
    private DoseAmount _elemental = null!;
    private DoseAmount _compound = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = RulesEngine.Load(FindRules());
        _sleep = new SleepAnswers(45, 2, 4, 60, UnrefreshingSleep: true, DaytimeImpact: true, RacingMind: true, UnderStress: true);
        _healthyAdult = new PersonProfile(40, Sex.Female);
        _riskProfile = new PersonProfile(70, Sex.Male, Medications: ["antibiotics", "diuretics"], Conditions: ["diabetes"]);
        _elemental = new DoseAmount(300);
        _compound = new DoseAmount(2500, AmountBasis.Compound, "glycinate");
    }

    [Benchmark]
    public object Assessment() => _engine.Assess(_sleep, "en");

    [Benchmark]
    public object DoseCheck() => _engine.CheckDose(_healthyAdult, _elemental, "en");

    [Benchmark]
    public object DoseCheckCompoundWithRisks() => _engine.CheckDose(_riskProfile, _compound, "zh-CN");

    [Benchmark]
    public object GuidancePlan() => _engine.Guide(_sleep, _healthyAdult, _elemental, "en");

    private static string FindRules() => Path.Combine(ContentFolder.Find(), "rules");
}

internal static class ContentFolder
{
    /// <summary>MAGSLEEP_CONTENT, or content/ found above the running binary (BenchmarkDotNet runs a copy under bin/).</summary>
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("MAGSLEEP_CONTENT") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "content");
            if (Directory.Exists(Path.Combine(candidate, "rules")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("content/ not found; set MAGSLEEP_CONTENT");
    }
}
