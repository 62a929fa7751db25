using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MagSleep.Api.Infrastructure;
using MagSleep.Core.Rules;

namespace MagSleep.Benchmarks;

/// <summary>
/// Writing a computed answer as JSON: the source-generated serializer over the whole answer, against the answer
/// writers that copy the rule set's parts as bytes rendered once (what the API sends).
/// </summary>
[MemoryDiagnoser]
public class AnswerJsonBenchmarks
{
    private GuidanceResult _plan = null!;
    private AssessmentResult _assessment = null!;
    private AnswerParts _parts = null!;

    [Params("en", "zh-CN")]
    public string Language { get; set; } = "en";

    [GlobalSetup]
    public void Setup()
    {
        var engine = RulesEngine.Load(Path.Combine(ContentFolder.Find(), "rules"));
        var sleep = new SleepAnswers(50, 1, 5, 45, RacingMind: true, NightLegCramps: true);
        _plan = engine.Guide(sleep, new PersonProfile(42, Sex.Female), new DoseAmount(250), Language);
        _assessment = engine.Assess(sleep, Language);
        _parts = new AnswerParts(engine);
    }

    [Benchmark(Baseline = true)]
    public int GuidanceGenerated()
    {
        using var body = PooledBuffer.Json(_plan, ComputedJsonContext.Default.GuidanceResult, 8192);
        return body.WrittenCount;
    }

    [Benchmark]
    public int GuidanceWithRenderedParts()
    {
        using var body = ComputedJson<GuidanceResult>.Serialize(_plan, _parts);
        return body.WrittenCount;
    }

    [Benchmark]
    public int AssessmentGenerated()
    {
        using var body = PooledBuffer.Json(_assessment, ComputedJsonContext.Default.AssessmentResult, 8192);
        return body.WrittenCount;
    }

    [Benchmark]
    public int AssessmentWithRenderedParts()
    {
        using var body = ComputedJson<AssessmentResult>.Serialize(_assessment, _parts);
        return body.WrittenCount;
    }
}
