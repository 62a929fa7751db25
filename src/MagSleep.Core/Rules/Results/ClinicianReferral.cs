namespace MagSleep.Core.Rules;

/// <summary>Why to see a clinician before taking magnesium, and what to take to the appointment.</summary>
/// <param name="Reason">Why, in words.</param>
/// <param name="RuleIds">The rules whose findings call for it.</param>
/// <param name="Bring">What to bring or tell the clinician.</param>
/// <param name="Sources">Source tags.</param>
public sealed record ClinicianReferral(string Reason, IReadOnlyList<string> RuleIds, IReadOnlyList<Statement> Bring, IReadOnlyList<string> Sources);
