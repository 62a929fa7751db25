namespace MagSleep.Api.Features.Search;

/// <summary>A section that matches the query.</summary>
public sealed record SearchResult(string Slug, string ArticleTitle, string SectionId, string Heading, string Snippet);
