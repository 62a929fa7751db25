using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>From <c>minDays</c> days up to, not including, <c>maxDaysExclusive</c>; the last category is open-ended.</summary>
public sealed record DurationCategoryRule(string Id, int MinDays, LocalizedText Label, IReadOnlyList<string> Sources, int? MaxDaysExclusive = null);
