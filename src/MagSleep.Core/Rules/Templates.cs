using System.Globalization;
using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>Fills <c>{name}</c> placeholders in content texts. Runs when the engine is built, so requests pay nothing.</summary>
internal static class Templates
{
    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Render(LocalizedText text, string language, string file, string path, params (string Key, string Value)[] values)
    {
        var result = Fill(text.In(language), values);
        var open = result.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = result.IndexOf('}', open);
            var name = close > open ? result[open..(close + 1)] : result[open..];
            throw new ContentValidationException(file, path, $"placeholder {name} cannot be filled here");
        }

        return result;
    }

    /// <summary>For per-request values (observed numbers, matched pathways); the template itself was checked at load.</summary>
    public static string Fill(string template, params (string Key, string Value)[] values)
    {
        foreach (var (key, value) in values)
        {
            template = template.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }

        return template;
    }
}
