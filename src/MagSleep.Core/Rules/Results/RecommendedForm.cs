namespace MagSleep.Core.Rules;

public sealed record RecommendedForm(string Id, string Name, string Reason, IReadOnlyList<string> Sources);
