namespace MagSleep.Tests.Rules;

/// <summary>
/// The names rule texts give the sources in sentences a person reads (content/rules/README.md): a tag such as
/// S1 is not reader text, so a conflict position opens with the source's reader-facing name instead.
/// </summary>
internal static class SourceNames
{
    private static readonly Dictionary<string, string[]> Names = new(StringComparer.Ordinal)
    {
        ["S1"] = ["The English-language article", "英文文章"],
        ["S2"] = ["The Chinese article", "中文文章"],
        ["ODS"] = ["The NIH Office of Dietary Supplements", "美国国立卫生研究院膳食补充剂办公室"],
    };

    /// <summary>Whether <paramref name="text"/> (in either language) opens with the reader-facing name of <paramref name="tag"/>.</summary>
    public static bool Opens(string tag, string text) =>
        Names.TryGetValue(tag, out var names) && names.Any(n => text.StartsWith(n, StringComparison.Ordinal));
}
