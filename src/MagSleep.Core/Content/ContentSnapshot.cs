using System.Security.Cryptography;
using MagSleep.Core.Questionnaire;
using MagSleep.Core.Rules;

namespace MagSleep.Core.Content;

/// <summary>One consistent, validated version of everything in content/. Replaced whole, never mutated.</summary>
public sealed class ContentSnapshot
{
    private readonly Dictionary<string, ArticleSet> _articles;

    private ContentSnapshot(string version, DateTimeOffset loadedAt, IReadOnlyList<ArticleSet> articles, RulesEngine rules, SleepQuestionnaire questionnaire, ProblemTexts problems)
    {
        Problems = problems;
        Questionnaire = questionnaire;
        Version = version;
        Rules = rules;
        LoadedAt = loadedAt;
        Articles = articles;
        _articles = articles.ToDictionary(a => a.Slug, StringComparer.Ordinal);
        Search = new ArticleSearch(articles, rules.Languages);
    }

    /// <summary>The folders of content/ that a version is read from.</summary>
    public static IReadOnlyList<string> Folders { get; } =
        ["articles", "rules", Path.GetDirectoryName(SleepQuestionnaire.File)!, Path.GetDirectoryName(ProblemTexts.RelativePath)!];

    /// <summary>A hash of every file under content/, so any edit gives a new version.</summary>
    public string Version { get; }

    public DateTimeOffset LoadedAt { get; }

    public IReadOnlyList<ArticleSet> Articles { get; }

    public ArticleSearch Search { get; }

    /// <summary>The languages every text of this version is in, as rules/ruleset.json declares them.</summary>
    public Languages Languages => Rules.Languages;

    /// <summary>The rule set of this version, ready to evaluate.</summary>
    public RulesEngine Rules { get; }

    /// <summary>The sleep check's questions and their texts, served as a FHIR Questionnaire.</summary>
    public SleepQuestionnaire Questionnaire { get; }

    /// <summary>The texts of problem answers (errors) in every language of this version.</summary>
    public ProblemTexts Problems { get; }

    public ArticleSet? FindArticle(string slug) => _articles.GetValueOrDefault(slug);

    /// <summary>
    /// Reads and validates the folder. Every failure, whatever its kind (a file vanishing mid-read, a value no check
    /// foresaw), is a <see cref="ContentValidationException"/>, so a caller has one thing to catch and content can
    /// never stop the process.
    /// </summary>
    public static ContentSnapshot Load(string contentRoot, TimeProvider? clock = null)
    {
        try
        {
            var root = Path.GetFullPath(contentRoot);
            if (!Directory.Exists(root))
            {
                throw new ContentValidationException(contentRoot, "$", "the content folder does not exist");
            }

            var rules = LoadRules(Path.Combine(root, "rules"));
            var articles = ArticleLoader.LoadAll(Path.Combine(root, "articles"), rules.Languages);
            var questionnaire = SleepQuestionnaire.Load(root, rules.Languages);
            var problems = ProblemTexts.Load(root, rules.Languages);
            return new ContentSnapshot(HashContent(root, articles, rules.Languages), (clock ?? TimeProvider.System).GetUtcNow(), articles, rules, questionnaire, problems);
        }
        catch (Exception unexpected) when (unexpected is not ContentValidationException)
        {
            throw new ContentValidationException(contentRoot, "$", $"the content could not be read ({unexpected.GetType().Name}: {unexpected.Message})", unexpected);
        }
    }

    private static RulesEngine LoadRules(string rulesDirectory)
    {
        try
        {
            return RulesEngine.Load(rulesDirectory);
        }
        catch (ContentValidationException invalid)
        {
            throw new ContentValidationException($"rules/{Path.GetFileName(invalid.File)}", invalid.JsonPath, invalid.Problem);
        }
    }

    /// <summary>
    /// Hashes exactly the files the snapshot was read from, so a file that is not content (an editor's swap file, a
    /// note at the top of the folder) leaves the version and every ETag as they are.
    /// </summary>
    private static string HashContent(string root, IReadOnlyList<ArticleSet> articles, Languages languages)
    {
        var files = articles
            .SelectMany(set => languages.Tags.Select(language => Path.Combine(root, "articles", set.Slug, language + ".json")))
            .Concat(Directory.GetFiles(Path.Combine(root, "rules"), "*.json").Where(file => !ContentFiles.IsIgnored(Path.GetFileName(file))))
            .Append(Path.Combine(root, SleepQuestionnaire.File))
            .Append(Path.Combine(root, ProblemTexts.RelativePath));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(relative + "\n"));
            hash.AppendData(ContentFiles.Read(file, relative));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
