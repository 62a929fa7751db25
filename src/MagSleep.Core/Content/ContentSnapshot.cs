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

    /// <summary>A hash of the bytes of every content file this version was parsed from (<see cref="ContentReads.Hash"/>), so any edit of content gives a new version.</summary>
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
    public static ContentSnapshot Load(string contentRoot, TimeProvider? clock = null) => Load(contentRoot, clock, new ContentReads());

    /// <summary>As <see cref="Load(string, TimeProvider?)"/>, reading every file through <paramref name="reads"/>, whose hash is the version.</summary>
    internal static ContentSnapshot Load(string contentRoot, TimeProvider? clock, ContentReads reads)
    {
        try
        {
            var root = Path.GetFullPath(contentRoot);
            if (!Directory.Exists(root))
            {
                throw new ContentValidationException(contentRoot, "$", "the content folder does not exist");
            }

            var rules = LoadRules(Path.Combine(root, "rules"), reads);
            var articles = ArticleLoader.LoadAll(Path.Combine(root, "articles"), rules.Languages, reads: reads);
            var questionnaire = SleepQuestionnaire.Load(root, rules, reads);
            var problems = ProblemTexts.Load(root, rules.Languages, reads);
            return new ContentSnapshot(reads.Hash(root), (clock ?? TimeProvider.System).GetUtcNow(), articles, rules, questionnaire, problems);
        }
        catch (Exception unexpected) when (unexpected is not ContentValidationException)
        {
            throw new ContentValidationException(contentRoot, "$", $"the content could not be read ({unexpected.GetType().Name}: {unexpected.Message})", unexpected);
        }
    }

    private static RulesEngine LoadRules(string rulesDirectory, ContentReads reads)
    {
        try
        {
            return RulesEngine.Load(rulesDirectory, reads);
        }
        catch (ContentValidationException invalid)
        {
            throw new ContentValidationException($"rules/{Path.GetFileName(invalid.File)}", invalid.JsonPath, invalid.Problem);
        }
    }
}
