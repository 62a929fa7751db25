namespace MagSleep.Core.Rules;

/// <summary>The recommended intake for the person; Mg null when it depends on something not given (sex, or months for infants).</summary>
public sealed record RdaView(double? Mg, IntakeKind Kind, string? Basis, int MinAge, int MaxAge, IReadOnlyList<IntakeOptionView> Options, IReadOnlyList<string> Sources);

public sealed record IntakeOptionView(string Basis, double Mg);
