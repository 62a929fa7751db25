using FsCheck;
using FsCheck.Fluent;
using MagSleep.Core.Content;

namespace MagSleep.Tests.Content;

/// <summary>
/// The search must find exactly what the definition below finds: the same sections, scores, order and snippet
/// positions, for any query. The search grows each Chinese piece from one character where the definition shrinks it from the whole
/// rest of the term; both must choose the same pieces.
/// </summary>
public class ArticleSearchTests
{
    private static readonly ContentSnapshot Content = ContentSnapshot.Load(TestContent.RealContentDirectory);

    private static readonly string[] Languages = ["en", "zh-CN"];

    [Fact]
    public void TheSearchFindsWhatTheDefinitionFinds()
    {
        var scan = new ScanningSearch(Content.Articles);
        var queries =
            from language in Gen.Elements(Languages)
            from terms in TermGen(language).NonEmptyListOf().Select(t => t.Take(3).ToList())
            from separator in Gen.Elements(" ", "  ", "\t", "　")
            select (Query: string.Join(separator, terms), Language: language);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(queries.ToArbitrary(), request =>
        {
            var expected = scan.Find(request.Query, request.Language);
            var actual = Content.Search.Find(request.Query, request.Language);
            Assert.Equal(expected, actual);
        }));
    }

    [Theory]
    [InlineData("magnesium", "en")]
    [InlineData("magnesium sleep", "en")]
    [InlineData("MAGNESIUM  Sleep", "en")]
    [InlineData("镁", "zh-CN")]
    [InlineData("镁睡眠质量", "zh-CN")]
    [InlineData("ＧＡＢＡ", "zh-CN")]
    [InlineData("nothing-like-this-anywhere", "en")]
    public void KnownQueriesAgreeWithTheScan(string query, string language) =>
        Assert.Equal(new ScanningSearch(Content.Articles).Find(query, language), Content.Search.Find(query, language));

    [Theory]
    [InlineData("镁褪黑素", 2, true)]
    [InlineData("镁褪黑素", 1, false)]
    public void APhraseHeldOnlyInMorePiecesThanTheLimitDoesNotMatch(string phrase, int maxPieces, bool matches)
    {
        var found = Content.Search.Find(ArticleSearch.Terms(phrase), "zh-CN", maxPieces);

        Assert.Equal(matches, found.Any(hit => hit.Section.SectionId == "pathway-melatonin"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(61)]
    [InlineData(200)]
    [InlineData(399)]
    public void ASnippetCutsBetweenWordsAndKeepsTheMatch(int position)
    {
        var body = string.Join(' ', Enumerable.Range(0, 80).Select(i => $"word{i}"));
        var match = body.IndexOf(' ', position) is var space and > 0 ? body[position..space] : body[position..];

        var snippet = ArticleSearch.Snippet(body, position);

        Assert.Contains(match, snippet);
        Assert.All(snippet.Trim('…').Split(' '), word => Assert.Matches(@"^word\d+$", word));
        // Each cut gives up at most the word it fell in ("word79" and its space).
        var window = Math.Min(body.Length, position + ArticleSearch.SnippetRadius) - Math.Max(0, position - ArticleSearch.SnippetRadius);
        Assert.InRange(snippet.Trim('…').Length, window - 2 * "word79 ".Length, window);
    }

    [Fact]
    public void AWordLongerThanTheWindowIsCutRatherThanDropped()
    {
        var body = new string('a', 300);

        Assert.Equal($"…{new string('a', 2 * ArticleSearch.SnippetRadius)}…", ArticleSearch.Snippet(body, 150));
    }

    [Fact]
    public void ChineseIsCutWhereTheWindowEnds()
    {
        var body = string.Concat(Enumerable.Repeat("镁有助于睡眠。", 40));

        Assert.Equal(2 * ArticleSearch.SnippetRadius, ArticleSearch.Snippet(body, 140).Trim('…').Length);
    }

    [Theory]
    [InlineData("镁有助于睡眠。\n还有一种说法。", "镁有助于睡眠。还有一种说法。")]
    [InlineData("Magnesium helps.\nAnother view.", "Magnesium helps. Another view.")]
    [InlineData("镁（magnesium）\nGABA 受体", "镁（magnesium） GABA 受体")]
    public void ParagraphsJoinWithASpaceExceptBetweenTwoScriptsWrittenWithoutSpaces(string body, string shown) =>
        Assert.Equal(shown, ArticleSearch.Snippet(body, 0));

    [Fact]
    public void NoSnippetOfRealTextShowsAWordInPart()
    {
        var bodies = Content.Articles.SelectMany(a => a.In("en").Sections)
            .Select(Body).ToArray();
        var cases =
            from body in Gen.Elements(bodies)
            from position in Gen.Choose(0, body.Length - 1)
            select (Body: body, Position: position);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var words = c.Body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            var shown = ArticleSearch.Snippet(c.Body, c.Position).Trim('…').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var matchedWordStart = c.Body.LastIndexOfAny([' ', '\n'], c.Position) + 1;

            // The first word may be the matched one, shown from the match on when the window starts in it.
            Assert.All(shown.Skip(c.Position - matchedWordStart > ArticleSearch.SnippetRadius ? 1 : 0), word => Assert.Contains(word, words));
        }));
    }

    /// <summary>A section's text as the search reads it: summary, paragraphs and key points, one to a line.</summary>
    private static string Body(Section section) => string.Join('\n', [section.Summary, .. section.Paragraphs, .. section.KeyPoints]);

    /// <summary>Real words, pieces of real text (which may start or end mid-word), Chinese runs, and arbitrary text.</summary>
    private static Gen<string> TermGen(string language)
    {
        var texts = Content.Articles.SelectMany(a => a.In(language).Sections)
            .SelectMany(s => new[] { s.Heading, s.Summary }.Concat(s.Paragraphs).Concat(s.KeyPoints)).ToArray();
        var words = texts.SelectMany(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Distinct().ToArray();
        var piece =
            from text in Gen.Elements(texts).Where(t => t.Length > 0)
            from start in Gen.Choose(0, text.Length - 1)
            from length in Gen.Choose(1, 12)
            select text.Substring(start, Math.Min(length, text.Length - start)).Trim();
        var upper = Gen.Elements(words).Select(w => w.ToUpperInvariant());
        // English text has no Chinese characters of its own, so its Chinese runs are drawn from a few common ones.
        var chinese = texts.SelectMany(t => t).Where(c => c is >= '\u3400' and <= '\u9fff').Distinct().DefaultIfEmpty('镁').Append('睡').ToArray();
        var cjk = Gen.Elements(chinese).ArrayOf().Where(a => a.Length is > 0 and < 8).Select(a => new string(a));
        var any = ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => s.Get);
        return Gen.OneOf(Gen.Elements(words), piece, upper, cjk, any).Where(t => !string.IsNullOrWhiteSpace(t));
    }

    private sealed class ScanningSearch
    {
        private readonly Dictionary<string, List<(string Slug, string Title, string SectionId, string Heading, string NormalisedHeading, string Body, string NormalisedBody)>> _byLanguage = [];

        public ScanningSearch(IReadOnlyList<ArticleSet> articles)
        {
            foreach (var language in TestContent.Languages.Tags)
            {
                _byLanguage[language] = [.. articles.Select(set => set.In(language)).SelectMany(article => article.Sections.Select(section =>
                {
                    var body = Body(section);
                    return (article.Slug, article.Title, section.Id, section.Heading, ArticleSearch.Normalise(section.Heading), body, ArticleSearch.Normalise(body));
                }))];
            }
        }

        public List<SearchHit> Find(string query, string language)
        {
            var terms = ArticleSearch.Normalise(query).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var hits = new List<SearchHit>();
            foreach (var entry in _byLanguage[language])
            {
                var score = 0;
                var firstMatch = -1;
                foreach (var term in terms)
                {
                    var termScore = Score(entry.NormalisedHeading, entry.NormalisedBody, term, ref firstMatch);
                    if (termScore == 0)
                    {
                        score = 0;
                        break;
                    }

                    score += termScore;
                }

                if (score > 0)
                {
                    hits.Add(new SearchHit(new SearchSection(entry.Slug, entry.Title, entry.SectionId, entry.Heading), ArticleSearch.Snippet(entry.Body, firstMatch), score));
                }
            }

            return [.. hits.OrderByDescending(h => h.Score).ThenBy(h => h.Section.Slug, StringComparer.Ordinal).Take(20)];
        }

        private static int Score(string heading, string body, string term, ref int firstMatch)
        {
            var ignored = -1;
            var score = Count(heading, term, ref ignored) * 3 + Count(body, term, ref firstMatch);
            if (score > 0 || term.Length < 2 || !term.Any(c => c is >= '\u3400' and <= '\u9fff'))
            {
                return score;
            }

            for (var at = 0; at < term.Length;)
            {
                var length = term.Length - at;
                var pieceScore = 0;
                for (; length > 0; length--)
                {
                    var piece = term.Substring(at, length);
                    pieceScore = Count(heading, piece, ref ignored) * 3 + Count(body, piece, ref firstMatch);
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

    }
}
