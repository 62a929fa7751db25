namespace MagSleep.Core.Rules;

// Engine results, resolved to one language. Property names serialize to camelCase with JsonSerializerDefaults.Web.
// Catalogue views (GET /magnesium/forms, /magnesium/dose-tiers, /magnesium/risk-groups).

/// <summary>A magnesium compound, with how much of it is magnesium.</summary>
/// <param name="Id">The form's id, as a dose check's <c>form</c> takes it.</param>
/// <param name="Name">Its name.</param>
/// <param name="Formula">Its chemical formula.</param>
/// <param name="Hydration">Which hydrate the formula and mass are for.</param>
/// <param name="Kind">organic or inorganic.</param>
/// <param name="MolarMass">Its molar mass in g/mol, from IUPAC atomic weights.</param>
/// <param name="ElementalFraction">The share of its weight that is magnesium.</param>
/// <param name="GentleOnGut">Whether the sources call it gentle on the gut.</param>
/// <param name="Recommendable">Whether a guidance plan may suggest it.</param>
/// <param name="Summary">What the sources say about it.</param>
/// <param name="Sources">Source tags.</param>
public sealed record FormView(
    string Id,
    string Name,
    string Formula,
    string Hydration,
    FormKind Kind,
    double MolarMass,
    double ElementalFraction,
    bool GentleOnGut,
    bool Recommendable,
    string Summary,
    IReadOnlyList<string> Sources);
