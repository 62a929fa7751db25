namespace MagSleep.Core.Rules;

public sealed record ClinicianReferral(string Reason, IReadOnlyList<string> RuleIds, IReadOnlyList<Statement> Bring, IReadOnlyList<string> Sources);
