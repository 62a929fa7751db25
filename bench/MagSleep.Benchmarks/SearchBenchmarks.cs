using BenchmarkDotNet.Attributes;
using MagSleep.Core.Content;

namespace MagSleep.Benchmarks;

/// <summary>
/// Searches against the shipped articles as the server runs them, with the default <see cref="SearchLimits"/>: common
/// queries, the costliest kinds of query the limits let through, and 200 characters of pasted Chinese text as one term,
/// which the limits refuse (it cost about 60 ms with the suffix array and no limits).
/// </summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private static readonly SearchLimits Limits = new();

    private ArticleSearch _search = null!;
    private string[] _commonPieces = null!;
    private string[] _longPhrase = null!;
    private string[] _manyTerms = null!;
    private string[] _longCommonPieces = null!;

    [GlobalSetup]
    public void Setup()
    {
        _search = ContentSnapshot.Load(ContentFolder.Find()).Search;

        // A term of characters every Chinese section holds, found nowhere whole, so every section splits it into pieces.
        var sections = _search.SectionTexts.Where(s => s.Text.Any(IsChinese)).Select(s => s.Text).ToList();
        var everywhere = sections[0].Where(IsChinese).Distinct().Where(c => sections.All(t => t.Contains(c))).ToArray();
        _commonPieces = [CommonCharacters(everywhere, Limits.MaxTermLength)];
        _longCommonPieces = [CommonCharacters(everywhere, Limits.MaxQueryLength)];

        // Pasted Chinese text: the 200 characters the API accepts at most, as one term (over the term limit) and as
        // the most terms of the longest length the limits allow.
        var passage = new string([.. string.Concat(sections).Where(c => !char.IsWhiteSpace(c)).Take(Limits.MaxQueryLength)]);
        _longPhrase = [passage];
        var termLength = Math.Min(Limits.MaxTermLength, (Limits.MaxQueryLength + 1) / Limits.MaxTerms - 1);
        _manyTerms = [.. Enumerable.Range(0, Limits.MaxTerms).Select(i => passage.Substring(i * termLength, termLength))];
    }

    private static string CommonCharacters(char[] everywhere, int length) =>
        new([.. Enumerable.Range(0, length).Select(i => everywhere[(i * 7) % everywhere.Length])]);

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';

    [Benchmark]
    public object CommonEnglishTerms() => _search.Find(ArticleSearch.Terms("magnesium sleep"), "en", Limits.MaxPieces);

    [Benchmark]
    public object RareEnglishTerm() => _search.Find(ArticleSearch.Terms("cortisol"), "en", Limits.MaxPieces);

    [Benchmark]
    public object ChinesePhraseMatchedByPieces() => _search.Find(ArticleSearch.Terms("镁改善睡眠质量"), "zh-CN", Limits.MaxPieces);

    [Benchmark]
    public object LongestChineseTermOfCommonCharacters() => _search.Find(_commonPieces, "zh-CN", Limits.MaxPieces);

    [Benchmark]
    public object MostTermsOfPastedChineseText() => _search.Find(_manyTerms, "zh-CN", Limits.MaxPieces);

    /// <summary>Over the limits (the API refuses it): what the scan costs without them.</summary>
    [Benchmark]
    public object TwoHundredCharactersOfPastedChineseTextWithoutLimits() => _search.Find(_longPhrase, "zh-CN");

    /// <summary>Over the limits: 200 characters that every section holds only one or two at a time.</summary>
    [Benchmark]
    public object TwoHundredCommonCharactersWithoutLimits() => _search.Find(_longCommonPieces, "zh-CN");
}
