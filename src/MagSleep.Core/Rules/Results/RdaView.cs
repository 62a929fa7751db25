namespace MagSleep.Core.Rules;

/// <summary>The recommended intake for the person; <c>mg</c> is null when it depends on something not given (sex, or months for infants).</summary>
/// <param name="Mg">Magnesium a day from all sources, in mg.</param>
/// <param name="Kind">rda (recommended dietary allowance) or ai (adequate intake, where no RDA is set).</param>
/// <param name="Basis">Which of the options applies (such as all, female or pregnancy); null when it depends on something not given.</param>
/// <param name="MinAge">The youngest age in years of the intake band.</param>
/// <param name="MaxAge">The oldest age in years of the intake band.</param>
/// <param name="Options">Every value the band gives, by basis.</param>
/// <param name="Sources">Source tags.</param>
public sealed record RdaView(double? Mg, IntakeKind Kind, string? Basis, int MinAge, int MaxAge, IReadOnlyList<IntakeOptionView> Options, IReadOnlyList<string> Sources);

/// <summary>One value of an intake band.</summary>
/// <param name="Basis">Whom the value is for (such as all, male, female, pregnancy, 0-6-months).</param>
/// <param name="Mg">Magnesium a day, in mg.</param>
public sealed record IntakeOptionView(string Basis, double Mg);
