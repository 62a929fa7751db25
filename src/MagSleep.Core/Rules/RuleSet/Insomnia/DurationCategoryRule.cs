using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>Days in [MinDays, MaxDaysExclusive); the last category is open-ended.</summary>
public sealed record DurationCategoryRule(string Id, int MinDays, LocalizedText Label, IReadOnlyList<string> Sources, int? MaxDaysExclusive = null);
