namespace MagSleep.Core.Rules;

// risks.json

public sealed record RiskRules(
    UpperLimitRule AboveSupplementUpperLimit,
    SimpleRule KidneyImpairment,
    SimpleRule PregnancyOrBreastfeeding,
    AgeRule Under18,
    SimpleRule SideEffects,
    MedicationRule MedicationInteraction,
    DeficiencyRule DeficiencyRisk,
    ConditionRule MedicalCondition);
