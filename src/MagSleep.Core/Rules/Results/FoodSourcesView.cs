namespace MagSleep.Core.Rules;

/// <summary>Foods rich in magnesium.</summary>
/// <param name="Text">The advice in words.</param>
/// <param name="Items">The foods.</param>
/// <param name="Sources">Source tags.</param>
public sealed record FoodSourcesView(string Text, IReadOnlyList<NamedItemView> Items, IReadOnlyList<string> Sources);

/// <summary>An item of a list, by id and name.</summary>
/// <param name="Id">The item's id in the rule set.</param>
/// <param name="Name">Its name.</param>
public sealed record NamedItemView(string Id, string Name);
