namespace MagSleep.Core.Rules;

public sealed record IntakeBand(int MinAge, int MaxAge, IntakeKind Kind, IReadOnlyList<IntakeValue> Values, IReadOnlyList<string> Sources);

public sealed record IntakeValue(string Basis, double Mg);
