namespace MagSleep.Api.Features.Search;

/// <summary>A section that matches the query.</summary>
/// <param name="Slug">The article the section is in.</param>
/// <param name="ArticleTitle">That article's title.</param>
/// <param name="SectionId">The section's id (GET /api/v1/articles/{slug}/sections/{sectionId}).</param>
/// <param name="Heading">The section's heading.</param>
/// <param name="Snippet">A short passage of the section around the first match, cut between words where the language has spaces.</param>
public sealed record SearchResult(string Slug, string ArticleTitle, string SectionId, string Heading, string Snippet);
