namespace MagSleep.Core.Rules;

/// <summary>A form in a plan; <c>ForPathways</c> lists the person's pathways that suggest it, empty for a form none of them suggests (ranked after those, gentlest on the gut first).</summary>
public sealed record RecommendedForm(string Id, string Name, string Reason, IReadOnlyList<string> ForPathways, IReadOnlyList<string> Sources);
