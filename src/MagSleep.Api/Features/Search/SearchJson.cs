using System.Text.Json;
using MagSleep.Api.Features.Articles;
using MagSleep.Api.Infrastructure;
using MagSleep.Core.Content;

namespace MagSleep.Api.Features.Search;

/// <summary>
/// Writes a search answer as <see cref="ItemsResponse{T}"/> of <see cref="SearchResult"/> (the same bytes, tested).
/// A result's section is content: its four texts are escaped and encoded once per content version and copied
/// into every answer that finds it; only the snippet is encoded per request, from a buffer on the stack rather than
/// a string per hit.
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
        search.Sections.ToDictionary<SearchSection, SearchSection, EncodedSection>(section => section, Encode, ReferenceEqualityComparer.Instance);

    private const int SnippetOnTheStack = 256;

    public PooledBuffer Write(IReadOnlyList<RankedSection> hits) =>
        PooledBuffer.Json((hits, this), static (writer, answer) => answer.Item2.Write(writer, answer.hits), 8192);

    private void Write(Utf8JsonWriter writer, IReadOnlyList<RankedSection> hits)
    {
        Span<char> onTheStack = stackalloc char[SnippetOnTheStack];
        writer.WriteStartObject();
        writer.WriteStartArray(Items);
        foreach (var hit in hits)
        {
            var section = _sections.TryGetValue(hit.Section, out var encoded) ? encoded : Encode(hit.Section);
            writer.WriteStartObject();
            writer.WriteString(Slug, section.Slug);
            writer.WriteString(ArticleTitle, section.ArticleTitle);
            writer.WriteString(SectionId, section.SectionId);
            writer.WriteString(Heading, section.Heading);
            var snippet = hit.Snippet.TextLength <= onTheStack.Length ? onTheStack : new char[hit.Snippet.TextLength];
            hit.Snippet.WriteTo(snippet);
            writer.WriteString(Snippet, snippet[..hit.Snippet.TextLength]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static EncodedSection Encode(SearchSection section) => new(
        JsonEncodedText.Encode(section.Slug, ApiJson.Options.Encoder),
        JsonEncodedText.Encode(section.ArticleTitle, ApiJson.Options.Encoder),
        JsonEncodedText.Encode(section.SectionId, ApiJson.Options.Encoder),
        JsonEncodedText.Encode(section.Heading, ApiJson.Options.Encoder));

    private sealed record EncodedSection(JsonEncodedText Slug, JsonEncodedText ArticleTitle, JsonEncodedText SectionId, JsonEncodedText Heading);
}
