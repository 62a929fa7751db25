using MagSleep.Core.Content;

namespace MagSleep.Api.Features.Articles;

/// <summary>A study cited by an article.</summary>
/// <param name="Slug">The article that cites it.</param>
/// <param name="ArticleTitle">That article's title.</param>
/// <param name="SectionId">The section that discusses it.</param>
/// <param name="Study">The study.</param>
public sealed record StudyEntry(string Slug, string ArticleTitle, string SectionId, Study Study);
