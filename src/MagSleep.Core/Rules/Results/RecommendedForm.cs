namespace MagSleep.Core.Rules;

/// <summary>A form in a plan; <c>forPathways</c> lists the person's pathways that suggest it, empty for a form none of them suggests (ranked after those, gentlest on the gut first).</summary>
/// <param name="Id">The form's id (see GET /api/v1/magnesium/forms).</param>
/// <param name="Name">The form's name.</param>
/// <param name="Reason">Why it is suggested, in words.</param>
/// <param name="ForPathways">Ids of the person's matched pathways that suggest it.</param>
/// <param name="Sources">Source tags.</param>
public sealed record RecommendedForm(string Id, string Name, string Reason, IReadOnlyList<string> ForPathways, IReadOnlyList<string> Sources);
