using System.Text.RegularExpressions;

namespace MagSleep.Core.Content;

/// <summary>
/// A language the content is served in, as <c>rules/ruleset.json</c> declares it: its BCP-47 tag, its name in
/// itself, the other tags a request may use for it (case-insensitive; <c>en-*</c> stands for any tag below en), and
/// what ends one sentence and leads into the next in its script, for a text the service joins from parts.
/// </summary>
public sealed record Language(string Tag, string Name, IReadOnlyList<string>? Aliases = null, string SentenceBreak = "");

/// <summary>
/// The languages of one content version. Every text of the content is in each of them, and an answer is in one of
/// them: the one a request asks for, else <see cref="Default"/>.
/// </summary>
public sealed partial class Languages
{
    /// <summary>The language whose texts the framework's own messages are matched against.</summary>
    public const string English = "en";

    private readonly Dictionary<string, string> _byTag = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Prefix, string Tag)> _byPrefix = [];

    /// <exception cref="ContentValidationException">The list is empty, a tag is malformed or claimed twice, or the default is not listed.</exception>
    public Languages(IReadOnlyList<Language> all, string defaultLanguage, string file = "rules/ruleset.json", string path = "$.languages")
    {
        void Fail(string at, string problem) => throw new ContentValidationException(file, at, problem);
        if (all.Count == 0)
        {
            Fail(path, "at least one language is needed");
        }

        for (var i = 0; i < all.Count; i++)
        {
            var language = all[i];
            var at = $"{path}[{i}]";
            if (language is null)
            {
                Fail(at, "null is not allowed in a list");
            }

            if (!LanguageTag().IsMatch(language!.Tag))
            {
                Fail(at + ".tag", $"'{language.Tag}' is not a BCP-47 language tag");
            }

            if (string.IsNullOrWhiteSpace(language.Name))
            {
                Fail(at + ".name", "must not be empty");
            }

            if (string.IsNullOrWhiteSpace(language.SentenceBreak))
            {
                Fail(at + ".sentenceBreak", "must be given: what ends a sentence and leads into the next, such as \". \" in English or \"。\" in Chinese");
            }

            Claim(language.Tag, language.Tag, at + ".tag");
            var aliases = language.Aliases ?? [];
            for (var a = 0; a < aliases.Count; a++)
            {
                var alias = aliases[a];
                var aliasAt = $"{at}.aliases[{a}]";
                if (alias is not null && alias.EndsWith("-*", StringComparison.Ordinal) && LanguageTag().IsMatch(alias[..^2]))
                {
                    _byPrefix.Add((alias[..^1], language.Tag));
                }
                else if (alias is not null && LanguageTag().IsMatch(alias))
                {
                    Claim(alias, language.Tag, aliasAt);
                }
                else
                {
                    Fail(aliasAt, $"'{alias}' is neither a language tag nor a tag followed by -*");
                }
            }
        }

        All = all;
        Tags = [.. all.Select(l => l.Tag)];
        if (!Tags.Contains(defaultLanguage, StringComparer.Ordinal))
        {
            throw new ContentValidationException(file, "$.defaultLanguage", $"'{defaultLanguage}' is not one of the languages ({string.Join(", ", Tags)})");
        }

        Default = defaultLanguage;

        void Claim(string alias, string tag, string at)
        {
            if (!_byTag.TryAdd(alias, tag))
            {
                Fail(at, $"'{alias}' already names '{_byTag[alias]}'");
            }
        }
    }

    public IReadOnlyList<Language> All { get; }

    /// <summary>The tags, in the order the content lists them.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>The language of an answer to a request that asks for none of <see cref="Tags"/>.</summary>
    public string Default { get; }

    public Language this[string tag] => All.First(l => l.Tag == tag);

    /// <summary>The served language a request's tag means (the tag itself or one of its aliases, any case), or null.</summary>
    public string? Match(string? tag)
    {
        if (tag is null)
        {
            return null;
        }

        tag = tag.Trim();
        if (_byTag.TryGetValue(tag, out var served))
        {
            return served;
        }

        foreach (var (prefix, prefixed) in _byPrefix)
        {
            if (tag.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && tag.Length > prefix.Length)
            {
                return prefixed;
            }
        }

        return null;
    }

    /// <summary>The JSON path of a text's version in one language: <c>.en</c>, or <c>['zh-CN']</c> where the tag is not a name.</summary>
    public static string PathOf(string path, string tag) => Name().IsMatch(tag) ? $"{path}.{tag}" : $"{path}['{tag}']";

    /// <summary>Refuses a text that lacks a declared language, has an empty one, or has one that is not declared.</summary>
    /// <exception cref="ContentValidationException">Naming <paramref name="file"/>, the path and the language.</exception>
    public void Check(LocalizedText text, string file, string path)
    {
        foreach (var tag in Tags)
        {
            if (!text.Has(tag))
            {
                throw new ContentValidationException(file, path, $"the text has no '{tag}' version; every text is in {string.Join(", ", Tags)}");
            }

            if (string.IsNullOrWhiteSpace(text.In(tag)))
            {
                throw new ContentValidationException(file, PathOf(path, tag), "the text is missing in this language");
            }
        }

        foreach (var tag in text.Languages)
        {
            if (!Tags.Contains(tag, StringComparer.Ordinal))
            {
                throw new ContentValidationException(file, PathOf(path, tag), $"'{tag}' is not a served language ({string.Join(", ", Tags)})");
            }
        }
    }

    /// <summary>A tag as BCP-47 shapes it: a primary language subtag, then subtags of up to 8 letters or digits.</summary>
    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Name();
}
