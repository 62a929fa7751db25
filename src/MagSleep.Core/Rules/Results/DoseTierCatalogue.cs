namespace MagSleep.Core.Rules;

// Engine results, resolved to one language. Property names serialize to camelCase with JsonSerializerDefaults.Web.
// Catalogue views (GET /magnesium/forms, /magnesium/dose-tiers, /magnesium/risk-groups).

/// <summary>The dose tiers and the supplemental upper limits by age.</summary>
/// <param name="Tiers">The tiers, lowest first.</param>
/// <param name="SupplementUpperLimits">The upper limits, youngest age band first.</param>
/// <param name="RuleSetVersion">The version of the rules.</param>
public sealed record DoseTierCatalogue(IReadOnlyList<TierView> Tiers, IReadOnlyList<UpperLimitView> SupplementUpperLimits, string RuleSetVersion);
