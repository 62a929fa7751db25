using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>
/// Food advice, in every plan. <c>conflict</c>: the sources disagree on food first against supplements; it is
/// stated in every guidance answer, for every age, so its positions carry no ages.
/// </summary>
public sealed record FoodRule(LocalizedText Text, IReadOnlyList<NamedItem> Items, IReadOnlyList<string> Sources, ConflictRule Conflict);

public sealed record NamedItem(string Id, LocalizedText Name);
