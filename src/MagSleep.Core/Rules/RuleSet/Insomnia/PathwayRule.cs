using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary><c>consultMechanism</c> replaces the mechanism in a consult-clinician answer (safety rule 8): no amount, trial length or taking tip.</summary>
public sealed record PathwayRule(
    string Id,
    IReadOnlyList<string> Triggers,
    LocalizedText Name,
    LocalizedText ShortName,
    LocalizedText Pattern,
    LocalizedText Mechanism,
    IReadOnlyList<string> SuggestedForms,
    IReadOnlyList<string> Sources,
    LocalizedText? ConsultMechanism = null);
