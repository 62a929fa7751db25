using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary><see cref="ConsultText"/>: the evidence told without amounts, for answers that suggest no supplement.</summary>
public sealed record EvidenceRule(double TrialDoseMinMg, double TrialDoseMaxMg, LocalizedText Text, LocalizedText ConsultText, IReadOnlyList<string> Sources);
