using MagSleep.Api.Infrastructure.OpenApi;
using MagSleep.Core.Content;

namespace MagSleep.Api.Features.Articles;

/// <summary>One article in the catalogue.</summary>
/// <param name="Slug">The article's id in its address.</param>
/// <param name="Title">The title in the answer's language.</param>
/// <param name="Summary">Two or three sentences on what it covers.</param>
/// <param name="Language">The language of the title and summary.</param>
/// <param name="AvailableLanguages">Every language the article is served in.</param>
/// <param name="DateModified">When the text last changed.</param>
/// <param name="LastReviewed">When the text was last checked against its source.</param>
/// <param name="NextReview">When it is due to be checked again.</param>
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
/// <param name="Slug">The article's id in its address.</param>
/// <param name="Language">The language of every text in the answer.</param>
/// <param name="AvailableLanguages">Every language the article is served in.</param>
/// <param name="Title">The title.</param>
/// <param name="Summary">Two or three sentences on what it covers.</param>
/// <param name="DateModified">When the text last changed.</param>
/// <param name="LastReviewed">When the text was last checked against its source.</param>
/// <param name="NextReview">When it is due to be checked again.</param>
/// <param name="Source">The source article it is adapted from, and how.</param>
/// <param name="Sections">The sections, in reading order.</param>
/// <param name="Studies">The studies it cites.</param>
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
/// <param name="Slug">The article's id in its address.</param>
/// <param name="Language">The language of every text in the answer.</param>
/// <param name="ArticleTitle">The title of the article the section is in.</param>
/// <param name="Id">The section's id.</param>
/// <param name="Heading">The heading.</param>
/// <param name="Summary">One sentence on what it says.</param>
/// <param name="Paragraphs">The text, one paragraph per item.</param>
/// <param name="KeyPoints">The points to take away.</param>
/// <param name="References">The numbers of the source's references the section cites; empty for a source without numbered references.</param>
/// <param name="Studies">The studies the section discusses.</param>
/// <param name="Source">The source article it is adapted from, and how.</param>
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
