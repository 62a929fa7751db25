using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record MedicationGroup(string Id, LocalizedText Name, LocalizedText Message, IReadOnlyList<string> Sources, Spacing? Spacing = null);

public sealed record Spacing(LocalizedText Text, int? HoursBefore = null, int? HoursAfterMin = null, int? HoursAfterMax = null);
