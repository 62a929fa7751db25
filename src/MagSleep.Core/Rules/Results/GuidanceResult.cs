namespace MagSleep.Core.Rules;

// Engine results, resolved to one language. Property names serialize to camelCase with JsonSerializerDefaults.Web.

public sealed record GuidanceResult(AssessmentResult Assessment, SafetyResult Safety, GuidancePlan Plan, string Disclaimer, string RuleSetVersion);
