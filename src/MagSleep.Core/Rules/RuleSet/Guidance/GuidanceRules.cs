namespace MagSleep.Core.Rules;

// guidance.json

public sealed record GuidanceRules(
    GuidanceFindingRule TreatCauseFirst,
    LongStandingRule LongStanding,
    DailyRangeRule DailyRange,
    ReferralRule Referral,
    FormRankingRule FormRanking,
    WeeksRule TryForWeeks,
    PairRule PairWith,
    IReadOnlyList<TextItem> LifestyleFirst,
    FoodRule FoodSources,
    EvidenceRule Evidence);
