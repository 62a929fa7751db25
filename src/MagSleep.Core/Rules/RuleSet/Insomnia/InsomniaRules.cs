namespace MagSleep.Core.Rules;

// insomnia.json

public sealed record InsomniaRules(
    IReadOnlyList<CriterionRule> Criteria,
    IReadOnlyList<UnitText> Units,
    ObservedText Observed,
    IReadOnlyList<ClassificationText> Classifications,
    IReadOnlyList<DurationCategoryRule> DurationCategories,
    IReadOnlyList<PathwayRule> Pathways,
    InsomniaNotes Notes);
