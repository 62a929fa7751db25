namespace MagSleep.Core.Rules;

// Engine results, resolved to one language. Property names serialize to camelCase with JsonSerializerDefaults.Web.

public sealed record AssessmentResult(
    Classification Classification,
    Statement Summary,
    bool MeetsCriteria,
    int Score,
    string DurationCategory,
    IReadOnlyList<CriterionResult> Criteria,
    IReadOnlyList<PathwayResult> Pathways,
    IReadOnlyList<Statement> Notes,
    string RuleSetVersion,
    string Disclaimer);
