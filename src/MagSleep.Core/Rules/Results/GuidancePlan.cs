namespace MagSleep.Core.Rules;

/// <summary>
/// Supplement advice (forms, DailyRangeMg, TryForWeeks, PairWith, and Evidence with trial doses) only when the
/// verdict is not consult-clinician and the answers show a sleep complaint (safety rules 3, 8, 9); otherwise those
/// are empty or null and Evidence names no amount. ClinicianReferral is set exactly when the verdict is consult-clinician.
/// </summary>
public sealed record GuidancePlan(
    IReadOnlyList<RecommendedForm> RecommendedForms,
    DailyRange? DailyRangeMg,
    ClinicianReferral? ClinicianReferral,
    WeeksRange? TryForWeeks,
    PairWithView? PairWith,
    IReadOnlyList<Statement> LifestyleFirst,
    FoodSourcesView FoodSources,
    Statement Evidence);
