namespace MagSleep.Core.Rules;

// Engine results, resolved to one language. Property names serialize to camelCase with JsonSerializerDefaults.Web.

/// <summary>The sleep check of one person's answers.</summary>
/// <param name="Classification">The pattern the answers show: no insomnia pattern, symptoms below the frequency or duration threshold, or an insomnia pattern.</param>
/// <param name="Summary">What the classification means, in words.</param>
/// <param name="MeetsCriteria">Whether the answers meet every threshold of the insomnia pattern (the classification is insomnia-pattern).</param>
/// <param name="Score">How many of the night and daytime symptom criteria are met; frequency and duration are not counted.</param>
/// <param name="DurationCategory">How long the trouble has lasted, as one of the rule set's duration categories.</param>
/// <param name="Criteria">Each criterion of the rule set, with what was reported and whether it is met.</param>
/// <param name="Pathways">The ways magnesium may act on sleep whose patterns the answers match, in the rule set's order.</param>
/// <param name="Notes">Cautions and context for this result, each with its sources.</param>
/// <param name="RuleSetVersion">The version of the rules that produced this answer.</param>
/// <param name="Disclaimer">That this is general information, not a diagnosis.</param>
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
