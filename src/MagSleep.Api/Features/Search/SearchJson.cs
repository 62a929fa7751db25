using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MagSleep.Api.Features.Articles;
using MagSleep.Api.Infrastructure;
using MagSleep.Core.Content;

namespace MagSleep.Api.Features.Search;

/// <summary>
/// Writes a search answer as <see cref="ItemsResponse{T}"/> of <see cref="SearchResult"/> (the same bytes, tested).
/// A result's section is content: its four texts, and the text its snippets are cut from, are escaped and encoded
/// once per content version. A snippet is then a slice of those bytes, not a new string escaped on every request.
/// </summary>
internal sealed class SearchJson(ArticleSearch search)
{
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText Slug = JsonEncodedText.Encode("slug");
    private static readonly JsonEncodedText ArticleTitle = JsonEncodedText.Encode("articleTitle");
    private static readonly JsonEncodedText SectionId = JsonEncodedText.Encode("sectionId");
    private static readonly JsonEncodedText Heading = JsonEncodedText.Encode("heading");
    private static readonly JsonEncodedText Snippet = JsonEncodedText.Encode("snippet");

    // Looked up by the object, never by value: only the content's own sections are in here.
    private readonly Dictionary<SearchSection, EncodedSection> _sections =
        search.SectionTexts.ToDictionary<(SearchSection Section, string Text), SearchSection, EncodedSection>(section => section.Section, section => Encode(section.Section, section.Text), ReferenceEqualityComparer.Instance);

    public PooledBuffer Write(IReadOnlyList<RankedSection> hits) =>
        PooledBuffer.Json((hits, this), static (writer, answer) => answer.Item2.Write(writer, answer.hits), 8192);

    private void Write(Utf8JsonWriter writer, IReadOnlyList<RankedSection> hits)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(Items);
        foreach (var hit in hits)
        {
            var section = _sections.TryGetValue(hit.Section, out var encoded) ? encoded : Encode(hit.Section, text: null);
            writer.WriteStartObject();
            writer.WriteString(Slug, section.Slug);
            writer.WriteString(ArticleTitle, section.ArticleTitle);
            writer.WriteString(SectionId, section.SectionId);
            writer.WriteString(Heading, section.Heading);
            if (section.Text is not { } text || !text.TryWrite(writer, Snippet, hit.Snippet))
            {
                writer.WriteString(Snippet, hit.Snippet.ToString());
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static EncodedSection Encode(SearchSection section, string? text) => new(
        JsonEncodedText.Encode(section.Slug, ApiJson.Options.Encoder),
        JsonEncodedText.Encode(section.ArticleTitle, ApiJson.Options.Encoder),
        JsonEncodedText.Encode(section.SectionId, ApiJson.Options.Encoder),
        JsonEncodedText.Encode(section.Heading, ApiJson.Options.Encoder),
        text is null ? null : EncodedSnippetSource.TryEncode(text, ApiJson.Options.Encoder!));

    private sealed record EncodedSection(JsonEncodedText Slug, JsonEncodedText ArticleTitle, JsonEncodedText SectionId, JsonEncodedText Heading, EncodedSnippetSource? Text);
}

/// <summary>
/// A section's text as the inside of a JSON string (escaped UTF-8, its line breaks as the spaces snippets show), with
/// where each of its chars starts, so that any snippet of it is a slice. JSON escapes each character on its own, so a
/// slice is exactly what escaping the snippet would give; it is only used when encoding the whole text char by char
/// gave the encoder's bytes for the whole text, and a snippet that would cut a surrogate pair falls back to escaping.
/// </summary>
internal sealed class EncodedSnippetSource
{
    private const int NotAChar = -1;
    private const int StackLimit = 1024;

    private readonly string _source;
    private readonly byte[] _escaped;
    private readonly int[] _starts;
    private readonly byte[] _ellipsis;

    private EncodedSnippetSource(string source, byte[] escaped, int[] starts, byte[] ellipsis)
    {
        _source = source;
        _escaped = escaped;
        _starts = starts;
        _ellipsis = ellipsis;
    }

    public static EncodedSnippetSource? TryEncode(string text, JavaScriptEncoder encoder)
    {
        var oneLine = text.Replace(SnippetRange.LineBreak, ' ');
        var escaped = new ArrayBufferWriter<byte>(oneLine.Length + 64);
        var starts = new int[text.Length + 1];
        Span<byte> scalar = stackalloc byte[4];
        for (var at = 0; at < oneLine.Length;)
        {
            starts[at] = escaped.WrittenCount;
            if (Rune.DecodeFromUtf16(oneLine.AsSpan(at), out var rune, out var chars) != OperationStatus.Done)
            {
                return null;
            }

            var length = rune.EncodeToUtf8(scalar);
            if (encoder.EncodeUtf8(scalar[..length], escaped.GetSpan(16), out _, out var written) != OperationStatus.Done)
            {
                return null;
            }

            escaped.Advance(written);
            for (var inside = 1; inside < chars; inside++)
            {
                starts[at + inside] = NotAChar;
            }

            at += chars;
        }

        starts[text.Length] = escaped.WrittenCount;
        return escaped.WrittenSpan.SequenceEqual(JsonEncodedText.Encode(oneLine, encoder).EncodedUtf8Bytes)
            ? new EncodedSnippetSource(text, escaped.WrittenSpan.ToArray(), starts, JsonEncodedText.Encode(SnippetRange.Ellipsis.ToString(), encoder).EncodedUtf8Bytes.ToArray())
            : null;
    }

    /// <summary>Writes <paramref name="snippet"/> as the value of <paramref name="name"/>, or nothing if it is not a slice of this text.</summary>
    public bool TryWrite(Utf8JsonWriter writer, JsonEncodedText name, SnippetRange snippet)
    {
        if (!ReferenceEquals(snippet.SectionText, _source)
            || (uint)snippet.From > (uint)_source.Length
            || (uint)snippet.Length > (uint)(_source.Length - snippet.From))
        {
            return false;
        }

        var start = _starts[snippet.From];
        var end = _starts[snippet.From + snippet.Length];
        if (start == NotAChar || end == NotAChar)
        {
            return false;
        }

        var size = 2 + end - start + (snippet.CutBefore ? _ellipsis.Length : 0) + (snippet.CutAfter ? _ellipsis.Length : 0);
        byte[]? rented = null;
        Span<byte> value = size <= StackLimit ? stackalloc byte[size] : (rented = ArrayPool<byte>.Shared.Rent(size));
        var at = 0;
        value[at++] = (byte)'"';
        if (snippet.CutBefore)
        {
            _ellipsis.CopyTo(value[at..]);
            at += _ellipsis.Length;
        }

        _escaped.AsSpan(start, end - start).CopyTo(value[at..]);
        at += end - start;
        if (snippet.CutAfter)
        {
            _ellipsis.CopyTo(value[at..]);
            at += _ellipsis.Length;
        }

        value[at++] = (byte)'"';
        writer.WritePropertyName(name);
        writer.WriteRawValue(value[..at], skipInputValidation: true);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return true;
    }
}
