using MagSleep.Api.Infrastructure.OpenApi;
using MagSleep.Core.Content;

namespace MagSleep.Api.Features.Articles;

/// <summary>One article in the catalogue.</summary>
public sealed record ArticleSummary(
    string Slug,
    string Title,
    string Summary,
    [property: ContentValues(ContentValue.LanguageTags)] string Language,
    [property: ContentValues(ContentValue.LanguageTags)] IReadOnlyList<string> AvailableLanguages,
    DateOnly DateModified,
    DateOnly LastReviewed,
    DateOnly NextReview);

/// <summary>A whole article in one language.</summary>
public sealed record ArticleResponse(
    string Slug,
    [property: ContentValues(ContentValue.LanguageTags)] string Language,
    [property: ContentValues(ContentValue.LanguageTags)] IReadOnlyList<string> AvailableLanguages,
    string Title,
    string Summary,
    DateOnly DateModified,
    DateOnly LastReviewed,
    DateOnly NextReview,
    SourceAttribution Source,
    IReadOnlyList<Section> Sections,
    IReadOnlyList<Study> Studies);

/// <summary>One section of an article, with the studies it discusses.</summary>
public sealed record SectionResponse(
    string Slug,
    [property: ContentValues(ContentValue.LanguageTags)] string Language,
    string ArticleTitle,
    string Id,
    string Heading,
    string Summary,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> KeyPoints,
    IReadOnlyList<int> References,
    IReadOnlyList<Study> Studies,
    SourceAttribution Source);

internal static class ArticleMapping
{
    public static ArticleSummary ToSummary(this ArticleSet set, string language)
    {
        var article = set.In(language);
        return new(article.Slug, article.Title, article.Summary, article.Language, [.. set.ByLanguage.Keys],
            article.DateModified, article.LastReviewed, article.NextReview);
    }

    public static ArticleResponse ToResponse(this ArticleSet set, string language)
    {
        var a = set.In(language);
        return new(a.Slug, a.Language, [.. set.ByLanguage.Keys], a.Title, a.Summary, a.DateModified, a.LastReviewed, a.NextReview,
            a.Source, a.Sections, a.Studies);
    }

    public static SectionResponse ToResponse(this Article article, Section section) =>
        new(article.Slug, article.Language, article.Title, section.Id, section.Heading, section.Summary, section.Paragraphs,
            section.KeyPoints, section.References, [.. article.Studies.Where(s => s.SectionId == section.Id)], article.Source);
}
