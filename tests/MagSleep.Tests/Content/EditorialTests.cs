using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MagSleep.Tests.Content;

/// <summary>The mechanical half of the editorial rules in content/README.md, read straight from the files.</summary>
public partial class EditorialTests
{
    private const string English = "en";
    private const string Chinese = "zh-CN";
    private const string EnglishNote = "MagSleep note: ";
    private const string ChineseNote = "MagSleep 注：";

    private static readonly HashSet<string> NotReaderText =
        ["id", "slug", "language", "sectionId", "studyId", "dateModified", "lastReviewed", "nextReview", "source"];

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}\s*[,.:;?!()]|[,.:;?!()]\s*\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HalfWidthPunctuationByChinese();

    [GeneratedRegex(@"\bS[12]\b|consult-clinician|no-pattern|\bDSM-5/ICSD-3\b")]
    private static partial Regex InternalLabel();

    [Theory]
    [InlineData("镁,但是", true)]
    [InlineData("镁(补充剂)", true)]
    [InlineData("睡眠. 下一句", true)]
    [InlineData("镁：每天 350 mg。", false)]
    [InlineData("GABA（γ-氨基丁酸）", false)]
    [InlineData("11.25 mg 锌", false)]
    public void TheHalfWidthPunctuationCheckFlagsOnlyPunctuationTouchingChinese(string text, bool flagged) =>
        Assert.Equal(flagged, HalfWidthPunctuationByChinese().IsMatch(text));

    [Fact]
    public void BothLanguagesOfEveryArticleHaveTheSameSectionsStudiesAndNotesInTheSamePlaces()
    {
        var folders = Directory.GetDirectories(ArticlesDirectory);
        Assert.NotEmpty(folders);
        foreach (var folder in folders)
        {
            var en = ReadArticle(folder, English);
            var zh = ReadArticle(folder, Chinese);
            var slug = Path.GetFileName(folder);

            Assert.Equal(Shape(en, EnglishNote), Shape(zh, ChineseNote));
            Assert.Equal(Ids(en["studies"]), Ids(zh["studies"]));
            Assert.True(Shape(en, EnglishNote).Count > 0, $"{slug} has no sections");
        }
    }

    [Fact]
    public void ChineseTextsInArticlesAndRulesHaveNoHalfWidthPunctuationNextToChineseCharacters()
    {
        var failures = ChineseTexts().Where(t => HalfWidthPunctuationByChinese().IsMatch(t.Text))
            .Select(t => $"{t.Where}: {t.Text}").ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [GeneratedRegex(@"\(see '(?<heading>.+?)'\)|详见“(?<heading>[^”]+)”一节")]
    private static partial Regex SectionReference();

    [GeneratedRegex(@"companion piece '(?<title>[^']+)'|姊妹篇《(?<title>[^》]+)》")]
    private static partial Regex CompanionReference();

    /// <summary>A reader sent to another section or to the companion piece finds it under the name the text gives.</summary>
    [Fact]
    public void EveryCrossReferenceNamesAHeadingOrArticleThatExists()
    {
        var articles = Directory.GetDirectories(ArticlesDirectory)
            .SelectMany(folder => new[] { English, Chinese }.Select(language => (Slug: Path.GetFileName(folder), Language: language, Article: ReadArticle(folder, language))))
            .ToList();
        var failures = new List<string>();
        var references = 0;
        foreach (var (where, language, text) in ArticleTexts().Concat(new[] { English, Chinese }.SelectMany(l => RuleTexts(l).Select(t => (t.Where, l, t.Text)))))
        {
            // A section reference in an article points into that article; the companion piece is always the other one.
            var own = articles.Where(a => a.Language == language && where.StartsWith($"articles/{a.Slug}/", StringComparison.Ordinal)).ToList();
            var inLanguage = articles.Where(a => a.Language == language).ToList();
            var headings = (own.Count > 0 ? own : inLanguage).SelectMany(a => a.Article["sections"]!.AsArray().Select(s => (string)s!["heading"]!)).ToHashSet(StringComparer.Ordinal);
            var shortTitles = inLanguage.Except(own).Select(a => ((string)a.Article["title"]!).Split([':', '：'])[0]).ToHashSet(StringComparer.Ordinal);
            foreach (Match reference in SectionReference().Matches(text))
            {
                references++;
                if (!headings.Contains(reference.Groups["heading"].Value))
                {
                    failures.Add($"{where}: no section is headed '{reference.Groups["heading"].Value}'");
                }
            }

            foreach (Match reference in CompanionReference().Matches(text))
            {
                references++;
                if (!shortTitles.Contains(reference.Groups["title"].Value))
                {
                    failures.Add($"{where}: no article is titled '{reference.Groups["title"].Value}'");
                }
            }
        }

        Assert.True(references >= 20, $"only {references} cross-references found: is the pattern still the one content/README.md gives?");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void ReaderTextInArticlesCarriesNoInternalLabels()
    {
        var failures = ArticleTexts().Where(t => InternalLabel().IsMatch(t.Text)).Select(t => $"{t.Where}: {t.Text}").ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void TheMagSleepNoteLabelIsWrittenOneWayPerLanguageAndOpensItsText()
    {
        var failures = new List<string>();
        foreach (var (where, language, original) in ArticleTexts())
        {
            var text = original.Replace("'MagSleep note'", "", StringComparison.Ordinal).Replace("“MagSleep 注”", "", StringComparison.Ordinal);
            var label = language == English ? EnglishNote : ChineseNote;
            var variants = language == English ? NoteVariantEnglish() : NoteVariantChinese();
            var at = text.IndexOf(label, StringComparison.Ordinal);
            if (at > 0 || (at < 0 && variants.IsMatch(text)) || (at == 0 && text.IndexOf(label, 1, StringComparison.Ordinal) > 0))
            {
                failures.Add($"{where}: {text}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [GeneratedRegex(@"MagSleep\s+note|MagSleep's note")]
    private static partial Regex NoteVariantEnglish();

    [GeneratedRegex(@"MagSleep\s*(注|备注|说明)")]
    private static partial Regex NoteVariantChinese();

    [Fact]
    public void EveryArticleNamesItsSourceWithTheRuleSetsTitleInTheSameLanguage()
    {
        var ruleset = ReadJson(Path.Combine(RulesDirectory, "ruleset.json"));
        var titles = ruleset["sources"]!.AsArray().ToDictionary(s => (string)s!["tag"]!, s => s!["title"]!);

        foreach (var folder in Directory.GetDirectories(ArticlesDirectory))
        {
            foreach (var language in new[] { English, Chinese })
            {
                var source = ReadArticle(folder, language)["source"]!;
                var tag = (string)source["id"]!;
                Assert.True(titles.ContainsKey(tag), $"{Path.GetFileName(folder)}/{language}: '{tag}' is not a tag in ruleset.json");
                Assert.Equal((string)titles[tag][language]!, (string)source["title"]!);
            }
        }
    }

    [Fact]
    public void LinkedStudyRecordsPointAtEachOtherAndAgreeOnTheTrial()
    {
        var studies = Directory.GetDirectories(ArticlesDirectory)
            .SelectMany(folder => ReadArticle(folder, English)["studies"]!.AsArray()
                .Select(s => (Slug: Path.GetFileName(folder), Study: s!)))
            .ToDictionary(s => (s.Slug, Id: (string)s.Study["id"]!), s => s.Study);
        var links = studies.Where(s => s.Value["sameAs"] is JsonObject).ToList();

        Assert.NotEmpty(links);
        foreach (var ((slug, id), study) in links)
        {
            var target = ((string)study["sameAs"]!["slug"]!, (string)study["sameAs"]!["studyId"]!);
            Assert.True(studies.TryGetValue(target, out var other), $"{slug}/{id} links to {target}, which does not exist");
            Assert.Equal((slug, id), ((string)other!["sameAs"]!["slug"]!, (string)other["sameAs"]!["studyId"]!));
            Assert.Equal((double?)study["doseMg"], (double?)other["doseMg"]);
        }

        foreach (var folder in Directory.GetDirectories(ArticlesDirectory))
        {
            var en = ReadArticle(folder, English)["studies"]!.AsArray().Select(s => s!["sameAs"]?.ToJsonString());
            var zh = ReadArticle(folder, Chinese)["studies"]!.AsArray().Select(s => s!["sameAs"]?.ToJsonString());
            Assert.Equal(en, zh);
        }
    }

    public static TheoryData<string, string> TermsNotUsed => new()
    {
        { Chinese, "毫克" }, { Chinese, "拉肚子" }, { Chinese, "稀便" }, { Chinese, "宏量矿物质" }, { Chinese, "常量矿物质" },
        { Chinese, "微量元素，" }, { Chinese, "L-苏糖酸镁" }, { Chinese, "腹部痉挛" }, { Chinese, "腹部绞痛" }, { Chinese, "绿叶蔬菜" }, { Chinese, "双向" },
        { Chinese, "临床医生" }, { Chinese, "形式" }, { Chinese, "形态" }, { Chinese, "补剂" }, { Chinese, "较年轻的成年人" },
        { English, "diarrhea" }, { English, "milligram" }, { English, "two-way" }, { English, "randomized" }, { English, "sulfur" },
        { English, "trace element," }, { English, "clinician" }, { English, "abdominal cramps" },
    };

    [Theory]
    [MemberData(nameof(TermsNotUsed))]
    public void ArticlesFollowTheTerminologyList(string language, string term)
    {
        var failures = ArticleTexts().Where(t => t.Language == language && t.Text.Contains(term, StringComparison.OrdinalIgnoreCase))
            .Select(t => $"{t.Where}: {t.Text}").ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(TermsNotUsed))]
    public void RuleTextsFollowTheTerminologyList(string language, string term)
    {
        var failures = RuleTexts(language).Where(t => t.Text.Contains(term, StringComparison.OrdinalIgnoreCase))
            .Select(t => $"{t.Where}: {t.Text}").ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [GeneratedRegex(@"\d\s*[-~至]\s*\d|\d\s+～|～\s+\d|\d(mg|毫克)")]
    private static partial Regex ChineseRangeOrUnitOtherwise();

    [GeneratedRegex(@"\d\s*(-|\bto\b)\s*\d|\d\s+–|–\s+\d|\dmg\b")]
    private static partial Regex EnglishRangeOrUnitOtherwise();

    [Fact]
    public void ArticlesWriteRangesAndUnitsOneWayPerLanguage()
    {
        var failures = ArticleTexts()
            .Where(t => (t.Language == Chinese ? ChineseRangeOrUnitOtherwise() : EnglishRangeOrUnitOtherwise()).IsMatch(t.Text))
            .Select(t => $"{t.Where}: {t.Text}").ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string ArticlesDirectory => Path.Combine(TestContent.RealContentDirectory, "articles");

    private static string RulesDirectory => Path.Combine(TestContent.RealContentDirectory, "rules");

    private static JsonNode ReadJson(string path) => JsonNode.Parse(File.ReadAllText(path))!;

    private static JsonNode ReadArticle(string folder, string language) => ReadJson(Path.Combine(folder, language + ".json"));

    private static List<string> Ids(JsonNode? list) => [.. list!.AsArray().Select(n => (string)n!["id"]!)];

    /// <summary>Each section's id with the positions of its MagSleep notes, so both languages must mark the same additions.</summary>
    private static List<string> Shape(JsonNode article, string note) =>
    [
        .. article["sections"]!.AsArray().Select(s =>
        {
            string Marks(string field) => string.Concat(s![field]!.AsArray().Select(p => ((string)p!).StartsWith(note, StringComparison.Ordinal) ? 'N' : '.'));
            return $"{(string)s!["id"]!} paragraphs {Marks("paragraphs")} keyPoints {Marks("keyPoints")}";
        }),
    ];

    private static IEnumerable<(string Where, string Language, string Text)> ArticleTexts()
    {
        foreach (var folder in Directory.GetDirectories(ArticlesDirectory))
        {
            foreach (var language in new[] { English, Chinese })
            {
                var where = $"articles/{Path.GetFileName(folder)}/{language}.json";
                foreach (var (path, text) in Strings(ReadArticle(folder, language), "$"))
                {
                    yield return ($"{where} {path}", language, text);
                }
            }
        }
    }

    private static IEnumerable<(string Where, string Text)> RuleTexts(string language) =>
        from file in Directory.GetFiles(RulesDirectory, "*.json")
        from text in LanguageStrings(ReadJson(file), "$", language)
        select ($"rules/{Path.GetFileName(file)} {text.Path}", text.Text);

    private static IEnumerable<(string Where, string Text)> ChineseTexts() =>
        RuleTexts(Chinese).Concat(ArticleTexts().Where(t => t.Language == Chinese).Select(t => (t.Where, t.Text)));

    private static IEnumerable<(string Path, string Text)> Strings(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (value is JsonValue && NotReaderText.Contains(key))
                    {
                        continue;
                    }

                    foreach (var found in Strings(value, $"{path}.{key}"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in Strings(array[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return (path, text);
                break;
        }
    }

    private static IEnumerable<(string Path, string Text)> LanguageStrings(JsonNode? node, string path, string language)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (key == language && value is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    yield return ($"{path}.{key}", text);
                }
                else
                {
                    foreach (var found in LanguageStrings(value, $"{path}.{key}", language))
                    {
                        yield return found;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var found in LanguageStrings(array[i], $"{path}[{i}]", language))
                {
                    yield return found;
                }
            }
        }
    }
}
