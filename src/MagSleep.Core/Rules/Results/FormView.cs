namespace MagSleep.Core.Rules;

// Engine results, resolved to one language. Property names serialize to camelCase with JsonSerializerDefaults.Web.
// Catalogue views (GET /magnesium/forms, /magnesium/dose-tiers, /magnesium/risk-groups).

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
