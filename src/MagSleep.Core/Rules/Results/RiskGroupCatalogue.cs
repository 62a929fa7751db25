namespace MagSleep.Core.Rules;

// Engine results, resolved to one language. Property names serialize to camelCase with JsonSerializerDefaults.Web.
// Catalogue views (GET /magnesium/forms, /magnesium/dose-tiers, /magnesium/risk-groups).

/// <summary>Every risk rule and the groups it covers.</summary>
/// <param name="RiskGroups">The rules.</param>
/// <param name="RuleSetVersion">The version of the rules.</param>
public sealed record RiskGroupCatalogue(IReadOnlyList<RiskGroupView> RiskGroups, string RuleSetVersion);
