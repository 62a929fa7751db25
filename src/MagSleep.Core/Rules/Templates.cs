using System.Globalization;
using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>Fills <c>{name}</c> placeholders in content texts. Runs when the engine is built, so requests pay nothing.</summary>
internal static class Templates
{
    private const string NumberFormat = "0.###";

    public static string Number(double value) => value.ToString(NumberFormat, CultureInfo.InvariantCulture);

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

/// <summary>
/// A text with <c>{value}</c> placeholders for a number given per request (an observed answer), split once when the
/// engine is built so that filling it is one string and nothing else.
/// </summary>
internal sealed class ValueTemplate
{
    private readonly string[] _pieces;

    public ValueTemplate(string template) => _pieces = template.Split("{value}");

    /// <summary>The text with <paramref name="value"/> in place, then <paramref name="separator"/> and <paramref name="tail"/> if given.</summary>
    public string Fill(double value, string? separator = null, string? tail = null) =>
        string.Concat(string.Join(Templates.Number(value), _pieces), separator, tail);
}
