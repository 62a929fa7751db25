namespace MagSleep.Core.Rules;

/// <summary>
/// Supplement advice (<c>recommendedForms</c>, <c>dailyRangeMg</c>, <c>tryForWeeks</c>, <c>pairWith</c>, and
/// <c>evidence</c> with trial doses) only when the verdict is not consult-clinician and the answers show a sleep
/// complaint (safety rules 3, 8, 9); otherwise those are empty or null and <c>evidence</c> names no amount.
/// <c>clinicianReferral</c> is set exactly when the verdict is consult-clinician.
/// </summary>
/// <param name="RecommendedForms">Forms to consider, best first: those the person's pathways suggest, then the gentlest on the gut.</param>
/// <param name="DailyRangeMg">Elemental magnesium a day from supplements to try.</param>
/// <param name="ClinicianReferral">Why to see a clinician first, and what to bring.</param>
/// <param name="TryForWeeks">How long to try before judging.</param>
/// <param name="PairWith">A nutrient that may help absorption.</param>
/// <param name="LifestyleFirst">Habits to try before or beside a supplement.</param>
/// <param name="FoodSources">Foods rich in magnesium.</param>
/// <param name="Evidence">What the studies found, in brief.</param>
public sealed record GuidancePlan(
    IReadOnlyList<RecommendedForm> RecommendedForms,
    DailyRange? DailyRangeMg,
    ClinicianReferral? ClinicianReferral,
    WeeksRange? TryForWeeks,
    PairWithView? PairWith,
    IReadOnlyList<Statement> LifestyleFirst,
    FoodSourcesView FoodSources,
    Statement Evidence);
