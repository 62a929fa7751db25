using System.Text;

namespace MagSleep.Core.Content;

public sealed record SearchHit(string Slug, string ArticleTitle, string SectionId, string Heading, string Snippet, int Score);

/// <summary>
/// Substring search over normalised section text. Chinese is not written with spaces between words,
/// so a term that is not found whole falls back to its overlapping character pairs.
/// </summary>
public sealed class ArticleSearch
{
    private const int SnippetRadius = 60;
    private readonly Dictionary<string, List<Entry>> _byLanguage = new(StringComparer.Ordinal);

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
                    var body = string.Join("\n", [section.Summary, .. section.Paragraphs, .. section.KeyPoints]);
                    entries.Add(new Entry(article.Slug, article.Title, section.Id, section.Heading, Normalise(section.Heading), body, Normalise(body)));
                }
            }

            _byLanguage[language] = entries;
        }
    }

    public IReadOnlyList<SearchHit> Find(string query, string language, int limit = 20)
    {
        var terms = Normalise(query).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length == 0 || !_byLanguage.TryGetValue(language, out var entries))
        {
            return [];
        }

        var hits = new List<SearchHit>();
        foreach (var entry in entries)
        {
            var score = 0;
            var firstMatch = -1;
            foreach (var term in terms)
            {
                var termScore = Score(entry, term, ref firstMatch);
                if (termScore == 0)
                {
                    score = 0;
                    break;
                }

                score += termScore;
            }

            if (score > 0)
            {
                hits.Add(new SearchHit(entry.Slug, entry.ArticleTitle, entry.SectionId, entry.Heading, Snippet(entry.Body, firstMatch), score));
            }
        }

        return hits.OrderByDescending(h => h.Score).ThenBy(h => h.Slug, StringComparer.Ordinal).Take(limit).ToList();
    }

    private static int Score(Entry entry, string term, ref int firstMatch)
    {
        var score = Count(entry.NormalisedHeading, term) * 3 + Count(entry.NormalisedBody, term, ref firstMatch);
        if (score > 0 || term.Length < 2 || !term.Any(IsCjk))
        {
            return score;
        }

        // Not found whole: split the phrase greedily into the longest pieces the section contains, longer pieces weighing more.
        for (var at = 0; at < term.Length;)
        {
            var length = term.Length - at;
            var pieceScore = 0;
            for (; length > 0; length--)
            {
                var piece = term.Substring(at, length);
                pieceScore = Count(entry.NormalisedHeading, piece) * 3 + Count(entry.NormalisedBody, piece, ref firstMatch);
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

    private static int Count(string text, string term)
    {
        var ignored = -1;
        return Count(text, term, ref ignored);
    }

    private static int Count(string text, string term, ref int firstMatch)
    {
        var count = 0;
        for (var at = text.IndexOf(term, StringComparison.Ordinal); at >= 0; at = text.IndexOf(term, at + term.Length, StringComparison.Ordinal))
        {
            if (firstMatch < 0)
            {
                firstMatch = at;
            }

            count++;
        }

        return count;
    }

    private static string Snippet(string body, int position)
    {
        if (position < 0)
        {
            position = 0;
        }

        var start = Math.Max(0, position - SnippetRadius);
        var end = Math.Min(body.Length, position + SnippetRadius);
        var snippet = body[start..end].Replace('\n', ' ').Trim();
        return (start > 0 ? "…" : string.Empty) + snippet + (end < body.Length ? "…" : string.Empty);
    }

    private static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9fff';

    /// <summary>Folds full-width forms (NFKC) and case one char at a time, so positions in the folded text match the original.</summary>
    internal static string Normalise(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var single = char.IsSurrogate(c) ? c.ToString() : c.ToString().Normalize(NormalizationForm.FormKC);
            folded.Append(single.Length == 1 ? char.ToLowerInvariant(single[0]) : char.ToLowerInvariant(c));
        }

        return folded.ToString();
    }

    private sealed record Entry(string Slug, string ArticleTitle, string SectionId, string Heading, string NormalisedHeading, string Body, string NormalisedBody);
}
