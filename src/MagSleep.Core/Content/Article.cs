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

/// <summary>The source article a MagSleep article is adapted from.</summary>
/// <param name="Id">The source's tag (S1, S2), as in every <c>sources</c> list.</param>
/// <param name="Title">Its title.</param>
/// <param name="Publisher">Who published it, as far as known.</param>
/// <param name="Description">What kind of source it is.</param>
/// <param name="Adaptation">How the MagSleep text relates to it: what was rewritten, corrected or left out.</param>
public sealed record SourceAttribution(string Id, string Title, string Publisher, string Description, string Adaptation);

/// <summary>One section of an article.</summary>
/// <param name="Id">The section's id, the same in every language.</param>
/// <param name="Heading">The heading.</param>
/// <param name="Summary">One sentence on what it says.</param>
/// <param name="Paragraphs">The text, one paragraph per item.</param>
/// <param name="KeyPoints">The points to take away.</param>
/// <param name="References">The numbers of the source's references it cites; empty for a source without numbered references.</param>
public sealed record Section(
    string Id,
    string Heading,
    string Summary,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> KeyPoints,
    IReadOnlyList<int> References);

/// <summary>A study an article cites, as its source reports it.</summary>
/// <param name="Id">The study's id, the same in every language.</param>
/// <param name="SectionId">The section that discusses it.</param>
/// <param name="Population">Who or what was studied.</param>
/// <param name="Intervention">What was given or done, with the dose.</param>
/// <param name="DoseMg">Elemental magnesium a day, in mg; null where the source gives none.</param>
/// <param name="Duration">How long it ran, in words.</param>
/// <param name="DurationWeeks">How long it ran, in weeks; null where the source does not say.</param>
/// <param name="Design">The kind of study.</param>
/// <param name="Outcome">What it found.</param>
/// <param name="Reference">Where the source cites it.</param>
/// <param name="SameAs">The record of the same trial in the other article, if any.</param>
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

/// <summary>Where a source cites a study.</summary>
/// <param name="Source">The source's tag.</param>
/// <param name="Number">The number in the source's reference list; null for a source without numbered references.</param>
public sealed record StudyReference(string Source, int? Number);

/// <summary>
/// The record in another article that MagSleep reads as the same trial, so the two records are not read as two trials.
/// Where the sources do not say so, this is MagSleep's own reading, and the articles' MagSleep notes say that it is.
/// </summary>
/// <param name="Slug">The other article.</param>
/// <param name="StudyId">The study's id there.</param>
public sealed record StudyLink(string Slug, string StudyId);
