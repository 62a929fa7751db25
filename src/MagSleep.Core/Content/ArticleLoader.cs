using System.Text.RegularExpressions;

namespace MagSleep.Core.Content;

/// <summary>All languages of one article, keyed by language tag.</summary>
public sealed record ArticleSet(string Slug, IReadOnlyDictionary<string, Article> ByLanguage, string DefaultLanguage)
{
    public Article In(string language) => ByLanguage.TryGetValue(language, out var article) ? article : ByLanguage[DefaultLanguage];
}

public static partial class ArticleLoader
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    public static IReadOnlyList<ArticleSet> LoadAll(string articlesDirectory, Languages languages, string displayRoot = "articles", ContentReads? reads = null)
    {
        reads ??= new ContentReads();
        if (!Directory.Exists(articlesDirectory))
        {
            throw new ContentValidationException(displayRoot, "$", "the articles folder does not exist");
        }

        var sets = new List<ArticleSet>();
        foreach (var folder in Directory.GetDirectories(articlesDirectory).Where(f => !ContentFiles.IsIgnored(Path.GetFileName(f))).Order(StringComparer.Ordinal))
        {
            var slug = Path.GetFileName(folder);
            var folderName = $"{displayRoot}/{slug}";
            if (!KebabCase().IsMatch(slug))
            {
                throw new ContentValidationException(folderName, "$", "an article folder name must be a lower-case kebab-case slug");
            }

            var byLanguage = new Dictionary<string, Article>(StringComparer.Ordinal);
            foreach (var language in languages.Tags)
            {
                var file = Path.Combine(folder, language + ".json");
                var displayName = $"{folderName}/{language}.json";
                if (!System.IO.File.Exists(file))
                {
                    throw new ContentValidationException(displayName, "$", $"the {language} version of '{slug}' is missing; every article is in every served language");
                }

                var article = ContentJson.Read<Article>(reads, file, displayName);
                Validate(article, slug, language, displayName);
                byLanguage[language] = article;
            }

            var unexpected = Directory.GetFiles(folder).Select(Path.GetFileName)
                .FirstOrDefault(name => !ContentFiles.IsIgnored(name!) && !languages.Tags.Any(l => name == l + ".json"));
            if (unexpected is not null)
            {
                throw new ContentValidationException($"{folderName}/{unexpected}", "$", $"unexpected file: each article folder holds only {string.Join(", ", languages.Tags.Select(l => l + ".json"))}, one per served language");
            }

            CheckLanguagesAgree(byLanguage, folderName, languages);
            sets.Add(new ArticleSet(slug, byLanguage, languages.Default));
        }

        if (sets.Count == 0)
        {
            throw new ContentValidationException(displayRoot, "$", "there are no articles");
        }

        return sets;
    }

    private static void Validate(Article article, string slug, string language, string file)
    {
        void Fail(string path, string problem) => throw new ContentValidationException(file, path, problem);
        void Text(string? value, string path)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Fail(path, "must not be empty");
            }
        }

        if (article.Slug != slug) Fail("$.slug", $"is '{article.Slug}' but the folder is '{slug}'");
        if (article.Language != language) Fail("$.language", $"is '{article.Language}' but the file is for '{language}'");
        Text(article.Title, "$.title");
        Text(article.Summary, "$.summary");
        if (article.NextReview <= article.LastReviewed) Fail("$.nextReview", "must come after lastReviewed");
        if (article.LastReviewed > article.DateModified.AddYears(5)) Fail("$.lastReviewed", "is implausibly far from dateModified");

        Text(article.Source.Id, "$.source.id");
        Text(article.Source.Title, "$.source.title");
        Text(article.Source.Publisher, "$.source.publisher");
        Text(article.Source.Description, "$.source.description");
        Text(article.Source.Adaptation, "$.source.adaptation");

        if (article.Sections.Count == 0) Fail("$.sections", "an article needs at least one section");
        var sectionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < article.Sections.Count; i++)
        {
            var section = article.Sections[i];
            var at = $"$.sections[{i}]";
            if (!KebabCase().IsMatch(section.Id)) Fail($"{at}.id", $"'{section.Id}' is not a lower-case kebab-case id");
            if (!sectionIds.Add(section.Id)) Fail($"{at}.id", $"'{section.Id}' is used twice");
            Text(section.Heading, $"{at}.heading");
            Text(section.Summary, $"{at}.summary");
            if (section.Paragraphs.Count == 0) Fail($"{at}.paragraphs", "a section needs at least one paragraph");
            for (var p = 0; p < section.Paragraphs.Count; p++) Text(section.Paragraphs[p], $"{at}.paragraphs[{p}]");
            if (section.KeyPoints.Count == 0) Fail($"{at}.keyPoints", "a section needs at least one key point");
            for (var k = 0; k < section.KeyPoints.Count; k++) Text(section.KeyPoints[k], $"{at}.keyPoints[{k}]");
            for (var r = 0; r < section.References.Count; r++)
            {
                if (section.References[r] <= 0) Fail($"{at}.references[{r}]", "reference numbers start at 1");
            }
        }

        var studyIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < article.Studies.Count; i++)
        {
            var study = article.Studies[i];
            var at = $"$.studies[{i}]";
            if (!KebabCase().IsMatch(study.Id)) Fail($"{at}.id", $"'{study.Id}' is not a lower-case kebab-case id");
            if (!studyIds.Add(study.Id)) Fail($"{at}.id", $"'{study.Id}' is used twice");
            if (!sectionIds.Contains(study.SectionId)) Fail($"{at}.sectionId", $"'{study.SectionId}' is not a section of this article");
            Text(study.Population, $"{at}.population");
            Text(study.Intervention, $"{at}.intervention");
            Text(study.Duration, $"{at}.duration");
            Text(study.Design, $"{at}.design");
            Text(study.Outcome, $"{at}.outcome");
            Text(study.Reference.Source, $"{at}.reference.source");
            if (study.DoseMg is <= 0) Fail($"{at}.doseMg", "must be positive or null");
            if (study.DurationWeeks is <= 0) Fail($"{at}.durationWeeks", "must be positive or null");
            if (study.Reference.Number is <= 0) Fail($"{at}.reference.number", "reference numbers start at 1");
        }
    }

    private static void CheckLanguagesAgree(Dictionary<string, Article> byLanguage, string folderName, Languages languages)
    {
        var standard = byLanguage[languages.Default];
        var reference = languages[languages.Default].Name;
        foreach (var (language, other) in byLanguage)
        {
            if (language == languages.Default)
            {
                continue;
            }

            var file = $"{folderName}/{language}.json";
            var expected = standard.Sections.Select(s => s.Id).ToList();
            var actual = other.Sections.Select(s => s.Id).ToList();
            for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
            {
                var want = i < expected.Count ? expected[i] : "(none)";
                var have = i < actual.Count ? actual[i] : "(none)";
                if (want != have)
                {
                    throw new ContentValidationException(file, $"$.sections[{i}].id", $"is '{have}' but the {reference} version has '{want}' here; every language needs the same sections in the same order");
                }
            }

            var standardStudies = standard.Studies.Select(s => s.Id).Order(StringComparer.Ordinal);
            if (!standardStudies.SequenceEqual(other.Studies.Select(s => s.Id).Order(StringComparer.Ordinal)))
            {
                throw new ContentValidationException(file, "$.studies", $"the study ids differ from the {reference} version");
            }
        }
    }
}
