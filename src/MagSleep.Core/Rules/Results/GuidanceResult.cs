namespace MagSleep.Core.Rules;

// Engine results, resolved to one language. Property names serialize to camelCase with JsonSerializerDefaults.Web.

/// <summary>A guidance plan: the sleep check, the safety check and the plan built from both.</summary>
/// <param name="Assessment">The sleep check, as POST /api/v1/insomnia/assessments gives it, except that a consult-clinician verdict from the profile or the dose also tells its pathways without amounts or suggested forms.</param>
/// <param name="Safety">The verdict and findings for the person and, when a dose was sent, the amount.</param>
/// <param name="Plan">What to try, or whom to see.</param>
/// <param name="Disclaimer">That this is general information, not a diagnosis.</param>
/// <param name="RuleSetVersion">The version of the rules that produced this answer.</param>
public sealed record GuidanceResult(AssessmentResult Assessment, SafetyResult Safety, GuidancePlan Plan, string Disclaimer, string RuleSetVersion);
