namespace MagSleep.Core.Rules;

// Engine results, resolved to one language. Property names serialize to camelCase with JsonSerializerDefaults.Web.
// Catalogue views (GET /magnesium/forms, /magnesium/dose-tiers, /magnesium/risk-groups).

public sealed record RiskGroupCatalogue(IReadOnlyList<RiskGroupView> RiskGroups, string RuleSetVersion);
