using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary><c>bandNames</c>: how the risk-group catalogue names each age band of the upper limits.</summary>
public sealed record UpperLimitRule(string RuleId, Severity Severity, LocalizedText Message, LocalizedText MessageNoLimit, AgeBandNames BandNames, IReadOnlyList<string> Sources);

/// <summary><c>range</c> with {min} and {max}; <c>from</c> for the band that runs to the oldest age; <c>infants</c> for under 1.</summary>
public sealed record AgeBandNames(LocalizedText Range, LocalizedText From, LocalizedText Infants);
