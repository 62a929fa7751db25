namespace MagSleep.Core.Content;

/// <summary>
/// The texts of every problem answer in every served language, read from content/messages/problems.json as part of
/// each content version, so an edit of them is checked, versioned and refused like any other. A text may hold
/// placeholders such as <c>{min}</c>, filled in by <see cref="Format"/>.
/// </summary>
public sealed class ProblemTexts
{
    public const string RelativePath = "messages/problems.json";

    /// <summary>Every text the service words a problem with: a file without one of them is refused, so no answer shows a bare key.</summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        "title.invalid-fields", "title.unreadable", "title.unauthorized", "detail.unauthorized",
        "title.not-found", "detail.not-found", "title.article-not-found", "detail.article-not-found",
        "title.section-not-found", "detail.section-not-found", "title.form-not-found", "detail.form-not-found",
        "title.response-mismatch", "title.request-timeout", "detail.request-timeout", "title.method-not-allowed",
        "detail.method-not-allowed", "title.payload-too-large", "detail.payload-too-large",
        "title.unsupported-media-type", "detail.unsupported-media-type", "title.unsupported-content-coding",
        "detail.unsupported-content-coding", "title.too-many-requests", "detail.too-many-requests",
        "title.server-error", "detail.server-error", "field.required", "field.range", "field.range-exclusive",
        "field.one-of", "field.max-items", "field.form-for-compound", "field.not-a-field", "field.resource-type", "field.has-unknown-field",
        "field.duplicate", "field.too-deep", "field.object", "field.whole-number", "field.number", "field.boolean",
        "field.string", "field.array-of-strings", "field.array", "field.invalid", "field.body-required",
        "field.body-incomplete", "field.body-trailing", "field.body-timeout", "field.body-invalid",
        "field.chunked-framing", "field.date", "field.unreadable", "field.once", "field.language", "field.search-query", "field.fhir-format",
        "unit.minutes",
        "unit.wakings", "unit.nights", "unit.days", "unit.years", "unit.mg",
    ];

    private readonly Dictionary<string, LocalizedText> _texts;

    private ProblemTexts(Dictionary<string, LocalizedText> texts) => _texts = texts;

    /// <summary>Reads the texts, each of which must be in every one of <paramref name="languages"/> and in no other.</summary>
    public static ProblemTexts Load(string contentDirectory, Languages languages, ContentReads? reads = null)
    {
        var texts = ContentJson.Read<Dictionary<string, LocalizedText>>(reads ?? new ContentReads(), Path.Combine(contentDirectory, RelativePath), RelativePath);
        if (Required.FirstOrDefault(key => !texts.ContainsKey(key)) is { } missing)
        {
            throw new ContentValidationException(RelativePath, $"$['{missing}']", "The service words problems with this text; it may be edited but not removed.");
        }

        foreach (var (key, text) in texts)
        {
            languages.Check(text, RelativePath, $"$['{key}']");
        }

        return new ProblemTexts(new(texts, StringComparer.Ordinal));
    }

    public bool Has(string key) => _texts.ContainsKey(key);

    /// <summary>The text in <paramref name="language"/>; the key itself if there is no such text.</summary>
    public string Get(string key, string language) => _texts.TryGetValue(key, out var text) ? text.In(language) : key;

    public string Format(string key, string language, IReadOnlyDictionary<string, string>? arguments = null) =>
        (arguments ?? new Dictionary<string, string>()).Aggregate(Get(key, language), (text, argument) => text.Replace("{" + argument.Key + "}", argument.Value, StringComparison.Ordinal));

    /// <summary>A field message: <c>field.</c> + <paramref name="code"/>, with units named in the language.</summary>
    public string Field(string code, string language, IReadOnlyDictionary<string, string>? arguments = null)
    {
        if (arguments is not null && arguments.TryGetValue("unit", out var unit) && Has("unit." + unit))
        {
            arguments = new Dictionary<string, string>(arguments) { ["unit"] = Get("unit." + unit, language) };
        }

        return Format("field." + code, language, arguments);
    }

    /// <summary>Whether <paramref name="title"/> names a kind of problem (<c>title.</c> + kind is a text): how the service titles the problems it makes.</summary>
    public bool IsKind([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? title) => title is not null && _texts.ContainsKey("title." + title);
}
