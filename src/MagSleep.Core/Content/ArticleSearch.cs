using System.Buffers;
using System.ComponentModel.DataAnnotations;
using System.Text;

namespace MagSleep.Core.Content;

/// <summary>A section as search results name it. There is one object per section and language, shared by every result that finds it.</summary>
public sealed record SearchSection(string Slug, string ArticleTitle, string SectionId, string Heading);

public sealed record SearchHit(SearchSection Section, string Snippet, int Score);

/// <summary>What one search may cost, bound from the "Search" configuration section; a query over a limit is refused.</summary>
public sealed class SearchLimits
{
    [Range(1, int.MaxValue, ErrorMessage = "Search:MaxQueryLength must be a whole number from {1} to {2}.")]
    public int MaxQueryLength { get; set; } = 200;

    [Range(1, int.MaxValue, ErrorMessage = "Search:MaxTerms must be a whole number from {1} to {2}.")]
    public int MaxTerms { get; set; } = 8;

    [Range(1, int.MaxValue, ErrorMessage = "Search:MaxTermLength must be a whole number from {1} to {2}.")]
    public int MaxTermLength { get; set; } = 32;

    /// <summary>A phrase that a section holds only in more pieces than this does not match that section.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Search:MaxPieces must be a whole number from {1} to {2}.")]
    public int MaxPieces { get; set; } = 8;
}

/// <summary>
/// Substring search over normalised section text, by scanning each section: there are a few dozen, so a scan costs
/// microseconds. Chinese is not written with spaces between words, so a term that is not found whole falls back to
/// the longest pieces each section contains.
/// </summary>
public sealed class ArticleSearch
{
    public const int SnippetRadius = 60;

    /// <summary>Joins a section's paragraphs; a space in its snippets.</summary>
    private const char LineBreak = '\n';

    /// <summary>The most results a search returns.</summary>
    public const int Limit = 20;

    private readonly Dictionary<string, Entry[]> _byLanguage = new(StringComparer.Ordinal);

    internal ArticleSearch(IReadOnlyList<ArticleSet> articles, Languages languages)
    {
        foreach (var language in languages.Tags)
        {
            _byLanguage[language] = [.. articles.Select(set => set.In(language)).SelectMany(article => article.Sections.Select(section =>
            {
                var body = string.Join(LineBreak, [section.Summary, .. section.Paragraphs, .. section.KeyPoints]);
                return new Entry(new SearchSection(article.Slug, article.Title, section.Id, section.Heading), Normalise(section.Heading), body, Normalise(body));
            }))];
        }
    }

    /// <summary>Every section of every language with the text its snippets are cut from.</summary>
    public IEnumerable<(SearchSection Section, string Text)> SectionTexts =>
        _byLanguage.Values.SelectMany(entries => entries.Select(entry => (entry.Section, entry.Body)));

    /// <summary>The query as the search reads it: folded and split at white space.</summary>
    public static string[] Terms(string query) => Normalise(query).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<SearchHit> Find(string query, string language) => Find(Terms(query), language);

    /// <summary>Up to <see cref="Limit"/> sections that match every term, best first; ties keep the articles' order.</summary>
    public IReadOnlyList<SearchHit> Find(string[] terms, string language, int maxPieces = int.MaxValue)
    {
        if (terms.Length == 0 || !_byLanguage.TryGetValue(language, out var entries))
        {
            return [];
        }

        var matches = new List<(int Entry, int Score, int FirstMatch)>();
        for (var i = 0; i < entries.Length; i++)
        {
            var score = 0;
            var firstMatch = -1;
            foreach (var term in terms)
            {
                var termScore = Score(entries[i], term, maxPieces, ref firstMatch);
                if (termScore == 0)
                {
                    score = 0;
                    break;
                }

                score += termScore;
            }

            if (score > 0)
            {
                matches.Add((i, score, firstMatch));
            }
        }

        matches.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score)
            : string.CompareOrdinal(entries[a.Entry].Section.Slug, entries[b.Entry].Section.Slug) is var bySlug and not 0 ? bySlug
            : a.Entry.CompareTo(b.Entry));
        return [.. matches.Take(Limit).Select(m => new SearchHit(entries[m.Entry].Section, Snippet(entries[m.Entry].Body, m.FirstMatch), m.Score))];
    }

    private static int Score(Entry entry, string term, int maxPieces, ref int firstMatch)
    {
        var score = Occurrences(entry, term, ref firstMatch);
        return score > 0 || term.Length < 2 || !term.AsSpan().ContainsAnyInRange(CjkFirst, CjkLast)
            ? score
            : ScoreByPieces(entry, term, maxPieces, ref firstMatch);
    }

    /// <summary>
    /// A phrase not found whole is split greedily into the longest pieces the section contains, longer pieces weighing
    /// more. A piece is grown one character at a time: once a piece is missing, so is every longer one.
    /// </summary>
    private static int ScoreByPieces(Entry entry, ReadOnlySpan<char> term, int maxPieces, ref int firstMatch)
    {
        var score = 0;
        var pieces = 0;
        for (var at = 0; at < term.Length;)
        {
            var length = 0;
            while (at + length < term.Length && entry.Contains(term.Slice(at, length + 1)))
            {
                length++;
            }

            if (length == 0 || ++pieces > maxPieces)
            {
                return 0;
            }

            score += Occurrences(entry, term.Slice(at, length), ref firstMatch) * length;
            at += length;
        }

        return score;
    }

    /// <summary>Heading matches weigh three times a body match; the first body match places the snippet.</summary>
    private static int Occurrences(Entry entry, ReadOnlySpan<char> term, ref int firstMatch)
    {
        var unused = -1;
        return Count(entry.NormalisedHeading, term, ref unused) * 3 + Count(entry.NormalisedBody, term, ref firstMatch);
    }

    /// <summary>Matches in a left-to-right scan that resumes after each match, so overlapping ones count once.</summary>
    private static int Count(ReadOnlySpan<char> text, ReadOnlySpan<char> term, ref int firstMatch)
    {
        var count = 0;
        for (var at = 0; at <= text.Length - term.Length;)
        {
            var found = text[at..].IndexOf(term, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            if (count++ == 0 && firstMatch < 0)
            {
                firstMatch = at + found;
            }

            at += found + term.Length;
        }

        return count;
    }

    /// <summary>
    /// About <see cref="SnippetRadius"/> characters either side of the match, trimmed, on one line, with an ellipsis
    /// where text was cut. A cut that would split a word moves to the nearest space inside the window, so no word is
    /// shown in part; Chinese, written without spaces, is cut where the window ends.
    /// </summary>
    internal static string Snippet(string body, int position)
    {
        position = Math.Clamp(position, 0, body.Length);
        var start = Math.Max(0, position - SnippetRadius);
        var end = Math.Min(body.Length, position + SnippetRadius);
        if (start > 0 && InsideAWord(body[start - 1], body[start]))
        {
            var space = body.AsSpan(start, position - start).IndexOfAny(Whitespace);
            start = space < 0 ? start : start + space + 1;
        }

        // A term holds no whitespace, so the last space after the match's start is past its end.
        if (end < body.Length && InsideAWord(body[end - 1], body[end]))
        {
            var space = body.AsSpan(position, end - position).LastIndexOfAny(Whitespace);
            end = space <= 0 ? end : position + space;
        }

        return string.Concat(start > 0 ? "…" : "", Joined(body.AsSpan(start, end - start).Trim()), end < body.Length ? "…" : "");
    }

    /// <summary>Paragraphs meet at a line break: a space where they join, none between two scripts written without spaces (睡眠。还有).</summary>
    private static string Joined(ReadOnlySpan<char> text)
    {
        var joined = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != LineBreak)
            {
                joined.Append(text[i]);
            }
            else if (i == 0 || i == text.Length - 1 || !WrittenWithoutSpaces(text[i - 1]) || !WrittenWithoutSpaces(text[i + 1]))
            {
                joined.Append(' ');
            }
        }

        return joined.ToString();
    }

    private const char CjkFirst = '\u3400', CjkLast = '\u9fff';

    private static readonly SearchValues<char> Whitespace = SearchValues.Create(" \t\n\r\u00a0\u3000");

    private static bool InsideAWord(char before, char after) =>
        !Whitespace.Contains(before) && !Whitespace.Contains(after) && !WrittenWithoutSpaces(before) && !WrittenWithoutSpaces(after);

    /// <summary>CJK punctuation, characters and full-width forms.</summary>
    private static bool WrittenWithoutSpaces(char c) => c is >= '\u3000' and <= '\u9fff' or >= '\uff00' and <= '\uffef';

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

    /// <summary>A section; terms hold no white space, so a piece is in the heading or the body when it is in both joined by a line break.</summary>
    private sealed record Entry(SearchSection Section, string NormalisedHeading, string Body, string NormalisedBody)
    {
        private readonly string _joined = NormalisedHeading + LineBreak + NormalisedBody;

        public bool Contains(ReadOnlySpan<char> piece) => _joined.AsSpan().Contains(piece, StringComparison.Ordinal);
    }
}
