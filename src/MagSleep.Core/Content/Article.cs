namespace MagSleep.Core.Content;

public sealed record Article(
    string Slug,
    string Language,
    string Title,
    string Summary,
    DateOnly DateModified,
    DateOnly LastReviewed,
    DateOnly NextReview,
    SourceAttribution Source,
    IReadOnlyList<Section> Sections,
    IReadOnlyList<Study> Studies);

public sealed record SourceAttribution(string Id, string Title, string Publisher, string Description, string Adaptation);

public sealed record Section(
    string Id,
    string Heading,
    string Summary,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> KeyPoints,
    IReadOnlyList<int> References);

public sealed record Study(
    string Id,
    string SectionId,
    string Population,
    string Intervention,
    double? DoseMg,
    string Duration,
    int? DurationWeeks,
    string Design,
    string Outcome,
    StudyReference Reference,
    StudyLink? SameAs = null);

public sealed record StudyReference(string Source, int? Number);

/// <summary>
/// The record in another article that MagSleep reads as the same trial, so the two records are not read as two trials.
/// Where the sources do not say so, this is MagSleep's own reading, and the articles' MagSleep notes say that it is.
/// </summary>
public sealed record StudyLink(string Slug, string StudyId);
