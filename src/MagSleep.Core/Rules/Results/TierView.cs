namespace MagSleep.Core.Rules;

/// <summary>A dose tier. <c>lower</c> and <c>upper</c> are null in a consult-clinician dose check, which names no amounts (safety rule 8).</summary>
/// <param name="Id">The tier's id in the rule set.</param>
/// <param name="Name">The tier's name.</param>
/// <param name="Description">What the sources say about amounts in it.</param>
/// <param name="Lower">Its lower bound in elemental mg a day; null in a consult-clinician answer.</param>
/// <param name="Upper">Its upper bound in elemental mg a day; null for the open-ended highest tier and in a consult-clinician answer.</param>
/// <param name="Severity">The severity of the finding the tier itself gives, if any. An amount above the person's supplemental upper limit also gets a consult-clinician finding, so a dose check's verdict can be stricter than this.</param>
/// <param name="Sources">Source tags.</param>
public sealed record TierView(string Id, string Name, string Description, BoundView? Lower, BoundView? Upper, Severity? Severity, IReadOnlyList<string> Sources);

/// <summary>One end of a tier.</summary>
/// <param name="Mg">Elemental magnesium a day, in mg.</param>
/// <param name="Inclusive">Whether an amount of exactly this many mg is in the tier.</param>
public sealed record BoundView(double Mg, bool Inclusive);
