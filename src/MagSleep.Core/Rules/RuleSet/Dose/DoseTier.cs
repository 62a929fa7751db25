using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>
/// A dose tier between two bounds; no upper bound means open-ended. A tier without severity produces no finding.
/// <c>consultDescription</c> replaces the description in a consult-clinician answer (safety rule 8).
/// </summary>
public sealed record DoseTier(
    string Id,
    TierBound Lower,
    LocalizedText Name,
    LocalizedText Description,
    IReadOnlyList<string> Sources,
    TierBound? Upper = null,
    Severity? Severity = null,
    LocalizedText? ConsultDescription = null)
{
    public bool Contains(double mg) =>
        (Lower.Inclusive ? mg >= Lower.Mg : mg > Lower.Mg)
        && (Upper is null || (Upper.Inclusive ? mg <= Upper.Mg : mg < Upper.Mg));
}

public sealed record TierBound(double Mg, bool Inclusive);
