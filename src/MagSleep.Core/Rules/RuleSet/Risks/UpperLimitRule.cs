using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary><see cref="BandNames"/>: how the risk-group catalogue names each age band of the upper limits.</summary>
public sealed record UpperLimitRule(string RuleId, Severity Severity, LocalizedText Message, LocalizedText MessageNoLimit, AgeBandNames BandNames, IReadOnlyList<string> Sources);

/// <summary><see cref="Range"/> with {min} and {max}; <see cref="From"/> for the band that runs to the oldest age; <see cref="Infants"/> for under 1.</summary>
public sealed record AgeBandNames(LocalizedText Range, LocalizedText From, LocalizedText Infants);
