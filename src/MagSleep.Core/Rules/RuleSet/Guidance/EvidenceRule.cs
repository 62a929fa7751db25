using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>
/// <c>consultText</c>: the evidence told without amounts, for answers that suggest no supplement.
/// <c>conflict</c>: the sources disagree on whom the evidence covers; every plan tells the evidence, so it is
/// stated in every guidance answer, for every age.
/// </summary>
public sealed record EvidenceRule(double TrialDoseMinMg, double TrialDoseMaxMg, LocalizedText Text, LocalizedText ConsultText, IReadOnlyList<string> Sources, ConflictRule Conflict);
