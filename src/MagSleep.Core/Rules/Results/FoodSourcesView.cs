namespace MagSleep.Core.Rules;

public sealed record FoodSourcesView(string Text, IReadOnlyList<NamedItemView> Items, IReadOnlyList<string> Sources);

public sealed record NamedItemView(string Id, string Name);
