using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MagSleep.Api.Features.Articles;
using MagSleep.Api.Features.Search;
using MagSleep.Api.Infrastructure;
using MagSleep.Core.Content;

namespace MagSleep.Benchmarks;

/// <summary>
/// Searches against the shipped articles, with each language's index already built, as the server runs them (snippets
/// left as ranges of the sections' text) and as <see cref="ArticleSearch.Find(string, string)"/> returns them;; then the
/// search answer for "magnesium sleep" written as JSON.
/// </summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private ArticleSearch _search = null!;
    private RankedSection[] _hits = null!;

    [GlobalSetup]
    public void Setup()
    {
        _search = ContentSnapshot.Load(ContentFolder.Find()).Search;
        _search.Find("warm", "en");
        _search.Find("warm", "zh-CN");
        _hits = _search.Rank(ArticleSearch.Terms("magnesium sleep"), "en");
    }

    [Benchmark]
    public object CommonEnglishTerms() => _search.Rank(ArticleSearch.Terms("magnesium sleep"), "en");

    [Benchmark]
    public object CommonEnglishTermsWithSnippetsAsStrings() => _search.Find("magnesium sleep", "en");

    [Benchmark]
    public object RareEnglishTerm() => _search.Rank(ArticleSearch.Terms("cortisol"), "en");

    [Benchmark]
    public object ChinesePhraseMatchedByPieces() => _search.Rank(ArticleSearch.Terms("镁改善睡眠质量"), "zh-CN");

    [Benchmark]
    public int AnswerWrittenByTheGeneralSerializer() =>
        JsonSerializer.SerializeToUtf8Bytes(
            new ItemsResponse<SearchResult>([.. _hits.Select(h => new SearchResult(h.Section.Slug, h.Section.ArticleTitle, h.Section.SectionId, h.Section.Heading, h.Snippet.ToString()))]),
            ApiJson.Options).Length;

    [Benchmark]
    public string TagFromTheQuery() => EntityTags.ForInputs("content-version", ["search", "en", .. ArticleSearch.Terms("magnesium sleep")]);
}
