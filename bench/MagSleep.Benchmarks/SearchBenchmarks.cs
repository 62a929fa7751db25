using BenchmarkDotNet.Attributes;
using MagSleep.Core.Content;

namespace MagSleep.Benchmarks;

/// <summary>Searches against the shipped articles, with each language's index already built.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private ArticleSearch _search = null!;

    [GlobalSetup]
    public void Setup()
    {
        _search = ContentSnapshot.Load(ContentFolder.Find()).Search;
        _search.Find("warm", "en");
        _search.Find("warm", "zh-CN");
    }

    [Benchmark]
    public object CommonEnglishTerms() => _search.Find("magnesium sleep", "en");

    [Benchmark]
    public object RareEnglishTerm() => _search.Find("cortisol", "en");

    [Benchmark]
    public object ChinesePhraseMatchedByPieces() => _search.Find("镁改善睡眠质量", "zh-CN");
}
