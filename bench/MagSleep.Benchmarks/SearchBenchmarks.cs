using BenchmarkDotNet.Attributes;
using MagSleep.Core.Content;

namespace MagSleep.Benchmarks;

/// <summary>
/// Searches against the shipped articles as the server runs them, with the default <see cref="SearchLimits"/>: common
/// queries, and the costliest queries the limits let through (every section holds every piece, so no section drops out
/// early), next to the 200-character Chinese phrase that cost about 60 ms before the limits.
/// </summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private static readonly SearchLimits Limits = new();

    private ArticleSearch _search = null!;
    private string[] _commonPieces = null!;
    private string[] _longPhrase = null!;
    private string[] _manyTerms = null!;

    [GlobalSetup]
    public void Setup()
    {
        _search = ContentSnapshot.Load(ContentFolder.Find()).Search;

        // Characters every Chinese section holds, strung into terms that are found nowhere whole, so each is split into
        // the most pieces the limit allows in every section.
        var sections = _search.SectionTexts.Where(s => s.Text.Any(c => c is >= '\u4e00' and <= '\u9fff')).Select(s => s.Text).ToList();
        var everywhere = sections[0].Where(c => c is >= '\u4e00' and <= '\u9fff').Distinct().Where(c => sections.All(t => t.Contains(c))).ToArray();
        var term = new string([.. Enumerable.Range(0, Limits.MaxTermLength).Select(i => everywhere[(i * 7) % everywhere.Length])]);
        _commonPieces = [term];
        _manyTerms = [.. Enumerable.Range(0, Limits.MaxTerms).Select(i => term[(i * 3)..][..Math.Min(Limits.MaxTermLength, (Limits.MaxQueryLength / Limits.MaxTerms) - 1)])];
        _longPhrase = [string.Concat(Enumerable.Repeat(term, 7))[..Limits.MaxQueryLength]];
    }

    [Benchmark]
    public object CommonEnglishTerms() => _search.Find(ArticleSearch.Terms("magnesium sleep"), "en", Limits.MaxPieces);

    [Benchmark]
    public object RareEnglishTerm() => _search.Find(ArticleSearch.Terms("cortisol"), "en", Limits.MaxPieces);

    [Benchmark]
    public object ChinesePhraseMatchedByPieces() => _search.Find(ArticleSearch.Terms("镁改善睡眠质量"), "zh-CN", Limits.MaxPieces);

    [Benchmark]
    public object LongestChineseTermOfCommonCharacters() => _search.Find(_commonPieces, "zh-CN", Limits.MaxPieces);

    [Benchmark]
    public object MostChineseTermsOfCommonCharacters() => _search.Find(_manyTerms, "zh-CN", Limits.MaxPieces);

    /// <summary>Over the limits (the API refuses it): what the scan costs without them.</summary>
    [Benchmark]
    public object TwoHundredChineseCharactersWithoutLimits() => _search.Find(_longPhrase, "zh-CN");
}
