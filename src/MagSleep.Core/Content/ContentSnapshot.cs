using System.Security.Cryptography;
using MagSleep.Core.Questionnaire;
using MagSleep.Core.Rules;

namespace MagSleep.Core.Content;

/// <summary>One consistent, validated version of everything in content/. Replaced whole, never mutated.</summary>
public sealed class ContentSnapshot
{
    private readonly Dictionary<string, ArticleSet> _articles;

    private ContentSnapshot(string version, DateTimeOffset loadedAt, IReadOnlyList<ArticleSet> articles, RulesEngine rules, SleepQuestionnaire questionnaire)
    {
        Questionnaire = questionnaire;
        Version = version;
        Rules = rules;
        LoadedAt = loadedAt;
        Articles = articles;
        _articles = articles.ToDictionary(a => a.Slug, StringComparer.Ordinal);
        Search = new ArticleSearch(articles);
    }

    /// <summary>A hash of every file under content/, so any edit gives a new version.</summary>
    public string Version { get; }

    public DateTimeOffset LoadedAt { get; }

    public IReadOnlyList<ArticleSet> Articles { get; }

    public ArticleSearch Search { get; }

    /// <summary>The rule set of this version, ready to evaluate.</summary>
    internal RulesEngine Rules { get; }

    /// <summary>The sleep check's questions and their texts, served as a FHIR Questionnaire.</summary>
    internal SleepQuestionnaire Questionnaire { get; }

    public ArticleSet? FindArticle(string slug) => _articles.GetValueOrDefault(slug);

    public static ContentSnapshot Load(string contentRoot, TimeProvider? clock = null)
    {
        var root = Path.GetFullPath(contentRoot);
        if (!Directory.Exists(root))
        {
            throw new ContentValidationException(contentRoot, "$", "the content folder does not exist");
        }

        var articles = ArticleLoader.LoadAll(Path.Combine(root, "articles"));
        var rules = LoadRules(Path.Combine(root, "rules"));
        var questionnaire = SleepQuestionnaire.Load(root);
        return new ContentSnapshot(HashFolder(root), (clock ?? TimeProvider.System).GetUtcNow(), articles, rules, questionnaire);
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

    private static string HashFolder(string root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file).Replace('\\', '/') + "\n"));
            hash.AppendData(System.IO.File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
