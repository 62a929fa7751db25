using System.Buffers;
using System.Text;

namespace MagSleep.Core.Content;

/// <summary>A section as search results name it. There is one object per section and language, shared by every result that finds it.</summary>
public sealed record SearchSection(string Slug, string ArticleTitle, string SectionId, string Heading);

public sealed record SearchHit(SearchSection Section, string Snippet, int Score);

/// <summary>
/// A hit as the search ranks it: its snippet is still a range of the section's text, so an answer can be written
/// from text encoded once per content version instead of a new string per hit and request.
/// </summary>
public readonly record struct RankedSection(SearchSection Section, SnippetRange Snippet, int Score);

/// <summary>
/// About <see cref="ArticleSearch.SnippetRadius"/> characters of <paramref name="SectionText"/> from
/// <paramref name="From"/>, trimmed; as text, on one line, with an ellipsis where text was cut.
/// </summary>
public readonly record struct SnippetRange(string SectionText, int From, int Length, bool CutBefore, bool CutAfter)
{
    public const char Ellipsis = '…';

    /// <summary>Line breaks in a section's text become spaces in its snippets.</summary>
    public const char LineBreak = '\n';

    public override string ToString() =>
        string.Create(Length + (CutBefore ? 1 : 0) + (CutAfter ? 1 : 0), this, static (snippet, range) =>
        {
            if (range.CutBefore)
            {
                snippet[0] = Ellipsis;
                snippet = snippet[1..];
            }

            range.SectionText.AsSpan(range.From, range.Length).Replace(snippet, LineBreak, ' ');
            if (range.CutAfter)
            {
                snippet[^1] = Ellipsis;
            }
        });
}

/// <summary>
/// Substring search over normalised section text. Chinese is not written with spaces between words,
/// so a term that is not found whole falls back to its overlapping character pairs.
/// Each language's headings and bodies are indexed once (on the first search in that language), so a query
/// costs a lookup per term rather than a scan of every section.
/// </summary>
public sealed class ArticleSearch
{
    public const int SnippetRadius = 60;
    private readonly Dictionary<string, Corpus> _byLanguage = new(StringComparer.Ordinal);

    internal ArticleSearch(IReadOnlyList<ArticleSet> articles)
    {
        foreach (var language in Languages.All)
        {
            var entries = new List<Entry>();
            foreach (var set in articles)
            {
                var article = set.In(language);
                foreach (var section in article.Sections)
                {
                    var body = string.Join(SnippetRange.LineBreak, [section.Summary, .. section.Paragraphs, .. section.KeyPoints]);
                    entries.Add(new Entry(new SearchSection(article.Slug, article.Title, section.Id, section.Heading), Normalise(section.Heading), body, Normalise(body)));
                }
            }

            _byLanguage[language] = new Corpus(entries);
        }
    }

    /// <summary>Every section of every language with the text its snippets are cut from.</summary>
    public IEnumerable<(SearchSection Section, string Text)> SectionTexts =>
        _byLanguage.Values.SelectMany(corpus => corpus.Entries.Select(entry => (entry.Section, entry.Body)));

    /// <summary>The most results a search returns.</summary>
    public const int Limit = 20;

    /// <summary>
    /// The query as the search reads it: folded and split at white space. Two queries with the same terms have the
    /// same results, so the terms (with the language and the content) are what a result's identity can be built from.
    /// </summary>
    public static string[] Terms(string query) => Normalise(query).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<SearchHit> Find(string query, string language) => Find(Terms(query), language);

    /// <summary>Up to <see cref="Limit"/> sections that match every term, best first; ties keep the articles' order.</summary>
    public IReadOnlyList<SearchHit> Find(string[] terms, string language) =>
        Array.ConvertAll(Rank(terms, language), hit => new SearchHit(hit.Section, hit.Snippet.ToString(), hit.Score));

    /// <summary>What <see cref="Find(string[], string)"/> finds, with each snippet as a range of its section's text.</summary>
    public RankedSection[] Rank(string[] terms, string language)
    {
        if (terms.Length == 0 || !_byLanguage.TryGetValue(language, out var corpus))
        {
            return [];
        }

        var entries = corpus.Entries;
        var count = entries.Count;
        var rented = ArrayPool<int>.Shared.Rent(3 * count);
        try
        {
            var scores = rented.AsSpan(0, count);
            var firstMatches = rented.AsSpan(count, count);
            var ranked = rented.AsSpan(2 * count, count);
            scores.Clear();
            firstMatches.Fill(-1);
            using var lookup = new Lookup(corpus.Index);
            for (var termIndex = 0; termIndex < terms.Length; termIndex++)
            {
                var term = terms[termIndex];
                var occurrences = lookup.Of(term, 0, term.Length);
                var splitsIntoPieces = term.Length >= 2 && term.AsSpan().ContainsAnyInRange(CjkFirst, CjkLast);
                for (var i = 0; i < count; i++)
                {
                    if (termIndex > 0 && scores[i] == 0)
                    {
                        continue;
                    }

                    var termScore = Score(occurrences, i, ref firstMatches[i]);
                    if (termScore == 0 && splitsIntoPieces)
                    {
                        termScore = ScoreByPieces(lookup, term, i, ref firstMatches[i]);
                    }

                    scores[i] = termScore == 0 ? 0 : scores[i] + termScore;
                }
            }

            var matched = 0;
            for (var i = 0; i < count; i++)
            {
                if (scores[i] > 0)
                {
                    ranked[matched++] = i;
                }
            }

            ranked[..matched].Sort(new BestFirst(rented, entries));
            var hits = new RankedSection[Math.Min(matched, Limit)];
            for (var rank = 0; rank < hits.Length; rank++)
            {
                var i = ranked[rank];
                var entry = entries[i];
                hits[rank] = new RankedSection(entry.Section, Snippet(entry.Body, firstMatches[i]), scores[i]);
            }

            return hits;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Higher score first (<paramref name="scores"/> starts with one per entry), then by slug; entry order is the last
    /// key, so the unstable sort orders ties as a stable one would.
    /// </summary>
    private readonly struct BestFirst(int[] scores, List<Entry> entries) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            var byScore = scores[b].CompareTo(scores[a]);
            if (byScore != 0)
            {
                return byScore;
            }

            var bySlug = string.CompareOrdinal(entries[a].Section.Slug, entries[b].Section.Slug);
            return bySlug != 0 ? bySlug : a.CompareTo(b);
        }
    }

    /// <summary>Heading matches weigh three times a body match; the first body match places the snippet.</summary>
    private static int Score(ReadOnlySpan<Occurrences> occurrences, int entry, ref int firstMatch)
    {
        var heading = occurrences[Corpus.HeadingSegment(entry)];
        var body = occurrences[Corpus.BodySegment(entry)];
        if (firstMatch < 0 && body.Count > 0)
        {
            firstMatch = body.First;
        }

        return heading.Count * 3 + body.Count;
    }

    /// <summary>A phrase not found whole is split greedily into the longest pieces the section contains, longer pieces weighing more.</summary>
    private static int ScoreByPieces(Lookup lookup, string term, int entry, ref int firstMatch)
    {
        var score = 0;
        for (var at = 0; at < term.Length;)
        {
            var length = term.Length - at;
            var pieceScore = 0;
            for (; length > 0; length--)
            {
                pieceScore = Score(lookup.Of(term, at, length), entry, ref firstMatch);
                if (pieceScore > 0)
                {
                    break;
                }
            }

            if (pieceScore == 0)
            {
                return 0;
            }

            score += pieceScore * length;
            at += length;
        }

        return score;
    }

    /// <summary>About <see cref="SnippetRadius"/> characters either side of the match, trimmed.</summary>
    private static SnippetRange Snippet(string body, int position)
    {
        position = Math.Max(position, 0);
        var start = Math.Max(0, position - SnippetRadius);
        var end = Math.Min(body.Length, position + SnippetRadius);
        var window = body.AsSpan(start, end - start);
        var trimmed = window.TrimStart();
        var from = start + (window.Length - trimmed.Length);
        return new SnippetRange(body, from, trimmed.TrimEnd().Length, CutBefore: start > 0, CutAfter: end < body.Length);
    }

    private const char CjkFirst = '\u3400', CjkLast = '\u9fff';

    /// <summary>Folds full-width forms (NFKC) and case one char at a time, so positions in the folded text match the original.</summary>
    internal static string Normalise(string text)
    {
        // ASCII is unchanged by NFKC, and most queries are nothing else.
        if (Ascii.IsValid(text))
        {
            return text.ToLowerInvariant();
        }

        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAscii(c))
            {
                folded.Append(char.ToLowerInvariant(c));
                continue;
            }

            var single = char.IsSurrogate(c) ? c.ToString() : c.ToString().Normalize(NormalizationForm.FormKC);
            folded.Append(single.Length == 1 ? char.ToLowerInvariant(single[0]) : char.ToLowerInvariant(c));
        }

        return folded.ToString();
    }

    private sealed record Entry(SearchSection Section, string NormalisedHeading, string Body, string NormalisedBody);

    /// <summary>One language's sections; segment 2i is section i's heading and 2i + 1 its body.</summary>
    private sealed class Corpus(List<Entry> entries)
    {
        private readonly Lazy<SubstringIndex> _index = new(() => new SubstringIndex([.. entries.SelectMany(e => new[] { e.NormalisedHeading, e.NormalisedBody })]));

        public List<Entry> Entries => entries;

        public SubstringIndex Index => _index.Value;

        public static int HeadingSegment(int entry) => 2 * entry;

        public static int BodySegment(int entry) => 2 * entry + 1;
    }

    /// <summary>
    /// Occurrences of a term and its pieces, each looked up once per query and kept only for that query. Their arrays
    /// are rented and given back when the query is done, or when the next term starts.
    /// </summary>
    private sealed class Lookup(SubstringIndex index) : IDisposable
    {
        private readonly Dictionary<(int At, int Length), Occurrences[]> _pieces = [];
        private string? _term;

        public ReadOnlySpan<Occurrences> Of(string term, int at, int length)
        {
            if (!ReferenceEquals(term, _term))
            {
                Dispose();
                _term = term;
            }

            if (!_pieces.TryGetValue((at, length), out var found))
            {
                found = ArrayPool<Occurrences>.Shared.Rent(index.SegmentCount);
                index.Find(term.AsSpan(at, length), found.AsSpan(0, index.SegmentCount));
                _pieces[(at, length)] = found;
            }

            return found.AsSpan(0, index.SegmentCount);
        }

        public void Dispose()
        {
            foreach (var found in _pieces.Values)
            {
                ArrayPool<Occurrences>.Shared.Return(found);
            }

            _pieces.Clear();
        }
    }
}
