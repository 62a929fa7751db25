using System.Buffers;
using System.Text.Json;
using MagSleep.Api.Features.Articles;
using MagSleep.Api.Infrastructure;
using MagSleep.Core.Content;

namespace MagSleep.Api.Features.Search;

/// <summary>
/// Writes a search answer as <see cref="ItemsResponse{T}"/> of <see cref="SearchResult"/> (the same bytes, tested).
/// A result's section is content, and so is its snippet: a range of the section's text. Each section's four texts
/// and its whole text are escaped and encoded once per content version, with where each character's bytes start, so
/// an answer copies a result's bytes and its snippet's slice rather than escaping and encoding them again.
/// </summary>
internal sealed class SearchJson(IEnumerable<(SearchSection Section, string Text)> sectionTexts)
{
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText Slug = JsonEncodedText.Encode("slug");
    private static readonly JsonEncodedText ArticleTitle = JsonEncodedText.Encode("articleTitle");
    private static readonly JsonEncodedText SectionId = JsonEncodedText.Encode("sectionId");
    private static readonly JsonEncodedText Heading = JsonEncodedText.Encode("heading");
    private static readonly JsonEncodedText Snippet = JsonEncodedText.Encode("snippet");
    private static readonly byte[] Ellipsis = JsonEncodedText.Encode([SnippetRange.Ellipsis], ApiJson.Options.Encoder).EncodedUtf8Bytes.ToArray();
    private static readonly byte[] SnippetEnd = "\"}"u8.ToArray();

    // Looked up by the object, never by value: only the content's own sections (ArticleSearch.SectionTexts) are in here.
    private readonly Dictionary<SearchSection, EncodedSection> _sections =
        sectionTexts.ToDictionary<(SearchSection Section, string Text), SearchSection, EncodedSection>(section => section.Section, section => EncodedSection.Of(section.Section, section.Text), ReferenceEqualityComparer.Instance);

    public PooledBuffer Write(IReadOnlyList<RankedSection> hits) =>
        PooledBuffer.Json((hits, this), static (writer, answer) => answer.Item2.Write(writer, answer.hits), 8192);

    private void Write(Utf8JsonWriter writer, IReadOnlyList<RankedSection> hits)
    {
        var item = ArrayPool<byte>.Shared.Rent(2048);
        try
        {
            writer.WriteStartObject();
            writer.WriteStartArray(Items);
            foreach (var hit in hits)
            {
                if (!_sections.TryGetValue(hit.Section, out var section) || !section.TryWrite(writer, hit.Snippet, ref item))
                {
                    WriteEncodingNow(writer, hit);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(item);
        }
    }

    /// <summary>A section that is not the content's, or a snippet that is not a clean slice of its encoded text.</summary>
    private static void WriteEncodingNow(Utf8JsonWriter writer, RankedSection hit)
    {
        writer.WriteStartObject();
        writer.WriteString(Slug, hit.Section.Slug);
        writer.WriteString(ArticleTitle, hit.Section.ArticleTitle);
        writer.WriteString(SectionId, hit.Section.SectionId);
        writer.WriteString(Heading, hit.Section.Heading);
        writer.WriteString(Snippet, hit.Snippet.ToString());
        writer.WriteEndObject();
    }

    /// <param name="Opening">The result object up to its snippet's first char: <c>{"slug":…,"snippet":"</c>.</param>
    /// <param name="Text">The text snippets are cut from, as <see cref="ArticleSearch.SectionTexts"/> gives it.</param>
    /// <param name="TextBytes">That text as a snippet writes it (line breaks as spaces), escaped and encoded.</param>
    /// <param name="Starts">
    /// Where each char of the text starts in <paramref name="TextBytes"/>, with one more entry for the end; -1 for the
    /// second half of a surrogate pair, where a cut would leave half a character. Null when the text cannot be cut
    /// into slices at all (it holds a lone surrogate).
    /// </param>
    private sealed record EncodedSection(byte[] Opening, string Text, byte[] TextBytes, int[]? Starts)
    {
        public static EncodedSection Of(SearchSection section, string text)
        {
            var empty = new SearchResult(section.Slug, section.ArticleTitle, section.SectionId, section.Heading, "");
            var withEmptySnippet = JsonSerializer.SerializeToUtf8Bytes(empty, ApiJson.Options);
            var (bytes, starts) = EncodeByChar(text);
            return new EncodedSection(withEmptySnippet[..^SnippetEnd.Length], text, bytes, starts);
        }

        public bool TryWrite(Utf8JsonWriter writer, SnippetRange snippet, ref byte[] item)
        {
            if (Starts is null || !ReferenceEquals(snippet.SectionText, Text))
            {
                return false;
            }

            var from = Starts[snippet.From];
            var to = Starts[snippet.From + snippet.Length];
            if (from < 0 || to < 0)
            {
                return false;
            }

            var length = Opening.Length + (to - from) + 2 * Ellipsis.Length + SnippetEnd.Length;
            if (item.Length < length)
            {
                ArrayPool<byte>.Shared.Return(item);
                item = ArrayPool<byte>.Shared.Rent(length);
            }

            var written = Append(item, 0, Opening);
            written = snippet.CutBefore ? Append(item, written, Ellipsis) : written;
            written = Append(item, written, TextBytes.AsSpan(from, to - from));
            written = snippet.CutAfter ? Append(item, written, Ellipsis) : written;
            written = Append(item, written, SnippetEnd);
            writer.WriteRawValue(item.AsSpan(0, written), skipInputValidation: true);
            return true;
        }

        private static int Append(byte[] destination, int at, ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(destination.AsSpan(at));
            return at + bytes.Length;
        }

        /// <summary>JSON escaping is decided one character (or surrogate pair) at a time, so a slice of the whole is the encoding of the slice.</summary>
        private static (byte[] Bytes, int[]? Starts) EncodeByChar(string text)
        {
            var starts = new int[text.Length + 1];
            var bytes = new ArrayBufferWriter<byte>(text.Length + 64);
            var encodedChars = new Dictionary<char, byte[]>();
            for (var i = 0; i < text.Length;)
            {
                starts[i] = bytes.WrittenCount;
                if (char.IsSurrogate(text[i]))
                {
                    if (!char.IsSurrogatePair(text, i))
                    {
                        return ([], null);
                    }

                    bytes.Write(JsonEncodedText.Encode(text.AsSpan(i, 2), ApiJson.Options.Encoder).EncodedUtf8Bytes);
                    starts[i + 1] = -1;
                    i += 2;
                    continue;
                }

                var c = text[i] == SnippetRange.LineBreak ? ' ' : text[i];
                if (!encodedChars.TryGetValue(c, out var encoded))
                {
                    encoded = JsonEncodedText.Encode([c], ApiJson.Options.Encoder).EncodedUtf8Bytes.ToArray();
                    encodedChars[c] = encoded;
                }

                bytes.Write(encoded);
                i++;
            }

            starts[text.Length] = bytes.WrittenCount;
            return (bytes.WrittenSpan.ToArray(), starts);
        }
    }
}
