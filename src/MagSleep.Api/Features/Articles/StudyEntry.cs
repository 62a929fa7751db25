using MagSleep.Core.Content;

namespace MagSleep.Api.Features.Articles;

/// <summary>A study cited by an article.</summary>
public sealed record StudyEntry(string Slug, string ArticleTitle, string SectionId, Study Study);
