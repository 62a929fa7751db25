using System.Globalization;
using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>Fills <c>{name}</c> placeholders in content texts. Runs when the engine is built, so requests pay nothing.</summary>
internal static class Templates
{
    private const string NumberFormat = "0.###";

    public static string Number(double value) => value.ToString(NumberFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// <see cref="Number"/> into <paramref name="destination"/>. Whole numbers, which every sleep answer is, skip the
    /// custom format, which for them gives the plain digits anyway.
    /// </summary>
    public static bool TryFormatNumber(double value, Span<char> destination, out int written) =>
        value >= 0 && value < 1e15 && !double.IsNegative(value) && Math.Floor(value) == value
            ? ((long)value).TryFormat(destination, out written, default, CultureInfo.InvariantCulture)
            : value.TryFormat(destination, out written, NumberFormat, CultureInfo.InvariantCulture);

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
    private const string Placeholder = "{value}";
    private const int StackLimit = 256;
    private readonly string[] _pieces;

    public ValueTemplate(string template) => _pieces = template.Split(Placeholder);

    /// <summary>The text with <paramref name="value"/> in place, then <paramref name="separator"/> and <paramref name="tail"/> if given.</summary>
    public string Fill(double value, string? separator = null, string? tail = null)
    {
        Span<char> number = stackalloc char[64];
        if (!Templates.TryFormatNumber(value, number, out var digits))
        {
            return Slow(Templates.Number(value), separator, tail);
        }

        number = number[..digits];
        var length = (_pieces.Length - 1) * digits + (separator?.Length ?? 0) + (tail?.Length ?? 0);
        foreach (var piece in _pieces)
        {
            length += piece.Length;
        }

        if (length > StackLimit)
        {
            return Slow(number.ToString(), separator, tail);
        }

        Span<char> text = stackalloc char[StackLimit];
        var at = 0;
        for (var i = 0; i < _pieces.Length; i++)
        {
            if (i > 0)
            {
                number.CopyTo(text[at..]);
                at += digits;
            }

            _pieces[i].CopyTo(text[at..]);
            at += _pieces[i].Length;
        }

        separator.AsSpan().CopyTo(text[at..]);
        at += separator?.Length ?? 0;
        tail.AsSpan().CopyTo(text[at..]);
        at += tail?.Length ?? 0;
        return new string(text[..at]);
    }

    private string Slow(string number, string? separator, string? tail) =>
        string.Concat(string.Join(number, _pieces), separator, tail);
}
