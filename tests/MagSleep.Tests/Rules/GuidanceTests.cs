using MagSleep.Core.Rules;
using static MagSleep.Tests.Rules.Requests;

namespace MagSleep.Tests.Rules;

public sealed class GuidanceTests
{
    private static readonly RulesEngine Engine = RuleSetFiles.Engine;

    private static readonly SleepAnswers Insomnia = Sleep(onset: 60, nights: 4, days: 45) with { RacingMind = true };

    /// <summary>A night-time symptom, not yet often enough for the pattern: a sleep complaint, so supplement advice applies.</summary>
    private static readonly SleepAnswers Complaint = Sleep(onset: 45, nights: 1, days: 7);

    [Fact]
    public void AHealthyAdultGets200To350MgCappedAtTheUpperLimitWithTheConflictExplained()
    {
        var result = Engine.Guide(Insomnia, HealthyAdult(), null, "en");
        Assert.Equal(Verdict.Ok, result.Safety.Verdict);
        var range = result.Plan.DailyRangeMg!;
        Assert.Equal((200, 350), (range.Min, range.Max));
        Assert.Null(result.Plan.ClinicianReferral);
        Assert.Equal(["daily-range-capped-at-supplement-upper-limit", "food-first-vs-supplements", "trial-population-older-adults-vs-adults"], result.Safety.Conflicts.Select(c => c.Id));
        var conflict = result.Safety.Conflicts[0];
        Assert.Contains("200–400 mg", conflict.Positions.Single(p => p.Source == "S2").Position);
        Assert.Contains("350 mg", conflict.Resolution);
    }

    [Theory]
    [InlineData("en", "The English-language article advises starting with food", "The Chinese article holds that diet alone", "disagree")]
    [InlineData("zh-CN", "英文文章主张从饮食入手", "中文文章则认为，光靠饮食", "不一致")]
    public void EveryPlanPutsFoodFirstAndSaysTheArticlesDisagreeOnIt(string language, string s1, string s2, string disagree)
    {
        foreach (var result in new[]
        {
            Engine.Guide(Insomnia, HealthyAdult(), null, language),
            Engine.Guide(Insomnia, HealthyAdult(), Elemental(380), language),
            Engine.Guide(Insomnia, HealthyAdult(5), null, language),
            Engine.Guide(Sleep(onset: 10, nights: 0, days: 0), HealthyAdult(), null, language),
        })
        {
            var conflict = Assert.Single(result.Safety.Conflicts, c => c.Id == "food-first-vs-supplements");
            Assert.Equal("S1", conflict.Winner);
            Assert.StartsWith(s1, conflict.Positions.Single(p => p.Source == "S1").Position);
            Assert.StartsWith(s2, conflict.Positions.Single(p => p.Source == "S2").Position);
            Assert.Contains(disagree, conflict.Resolution);
            Assert.NotEmpty(result.Plan.FoodSources.Items);
        }
    }

    [Theory]
    [InlineData(17)]
    [InlineData(5)]
    [InlineData(0)]
    public void UnderAdultAgeTheProfileAloneWithholdsTheRange(int age)
    {
        var result = Engine.Guide(Insomnia, HealthyAdult(age), null, "en");
        Assert.Equal(Verdict.ConsultClinician, result.Safety.Verdict);
        Assert.Null(result.Plan.DailyRangeMg);
        Assert.Empty(result.Plan.RecommendedForms);
        Assert.Contains("under-18", result.Plan.ClinicianReferral!.RuleIds);
        Assert.NotEmpty(result.Plan.ClinicianReferral.Bring);
    }

    [Fact]
    public void ADoseAboveTheLimitWithholdsTheRangeAndSaysWhy()
    {
        var result = Engine.Guide(Insomnia, HealthyAdult(), Elemental(380), "en");
        Assert.Equal(Verdict.ConsultClinician, result.Safety.Verdict);
        Assert.Null(result.Plan.DailyRangeMg);
        Assert.Equal(["above-supplement-ul"], result.Plan.ClinicianReferral!.RuleIds);
        Assert.Equal(new DoseSummary(380, "everyday", true), result.Safety.Dose);
        Assert.Contains(result.Safety.Conflicts, c => c.Id == "everyday-tier-vs-supplement-upper-limit");
    }

    [Fact]
    public void ACompoundDoseWithinTheLimitKeepsTheRange()
    {
        var result = Engine.Guide(Insomnia, HealthyAdult(), new DoseAmount(1500, AmountBasis.Compound, "glycinate"), "en");
        Assert.Equal(Verdict.Ok, result.Safety.Verdict);
        Assert.NotNull(result.Plan.DailyRangeMg);
        Assert.Equal("everyday", result.Safety.Dose!.Tier);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(null, true)]
    public void PainIllnessOrMedicationAsTheCauseIsACaseForAClinician(bool? pain, bool? medication)
    {
        var result = Engine.Guide(Insomnia with { PainOrIllness = pain, MedicationSideEffects = medication }, HealthyAdult(), null, "en");
        var finding = Assert.Single(result.Safety.Findings, f => f.RuleId == "treat-cause-first");
        Assert.Equal(Severity.ConsultClinician, finding.Severity);
        Assert.Equal(["S2", "S1"], finding.Sources);
        Assert.Equal(Verdict.ConsultClinician, result.Safety.Verdict);
        Assert.Null(result.Plan.DailyRangeMg);
        Assert.Empty(result.Plan.RecommendedForms);
        Assert.Null(result.Plan.TryForWeeks);
        Assert.Null(result.Plan.PairWith);
        Assert.Equal(["treat-cause-first"], result.Plan.ClinicianReferral!.RuleIds);
    }

    [Theory]
    [InlineData(89, false)]
    [InlineData(90, true)]
    public void AnInsomniaPatternOf90DaysOrMoreIsWorthAClinicianLook(int days, bool caution)
    {
        var result = Engine.Guide(Insomnia with { DurationDays = days }, HealthyAdult(), null, "en");
        Assert.Equal(caution, result.Safety.Findings.Any(f => f.RuleId == "long-standing-insomnia"));
        Assert.Equal(caution ? Verdict.Caution : Verdict.Ok, result.Safety.Verdict);
    }

    [Fact]
    public void Long90DaysWithoutThePatternIsNotFlagged()
    {
        var result = Engine.Guide(Sleep(days: 400), HealthyAdult(), null, "en");
        Assert.DoesNotContain(result.Safety.Findings, f => f.RuleId == "long-standing-insomnia");
    }

    [Fact]
    public void FormsAreRankedForThePersonsPathways()
    {
        var stress = Engine.Guide(Complaint with { UnderStress = true }, HealthyAdult(), null, "en");
        Assert.Equal(["taurate", "l-threonate", "glycinate"], stress.Plan.RecommendedForms.Select(f => f.Id));
        Assert.Contains("stress", stress.Plan.RecommendedForms[0].Reason);

        var cramps = Engine.Guide(Complaint with { NightLegCramps = true }, HealthyAdult(), null, "en");
        Assert.Equal("glycinate", cramps.Plan.RecommendedForms[0].Id);

        var none = Engine.Guide(Complaint, HealthyAdult(), null, "en");
        Assert.Equal(["glycinate", "l-threonate", "taurate"], none.Plan.RecommendedForms.Select(f => f.Id));
        Assert.DoesNotContain(none.Plan.RecommendedForms, f => f.Id is "oxide" or "chloride");
    }

    [Fact]
    public void EachFormSaysWhichOfThePersonsPathwaysSuggestIt()
    {
        var cramps = Engine.Guide(Complaint with { NightLegCramps = true }, HealthyAdult(), null, "en");
        Assert.Equal([["muscle-calcium"], [], []], cramps.Plan.RecommendedForms.Select(f => f.ForPathways.ToArray()));
        Assert.All(cramps.Plan.RecommendedForms.Skip(1), f => Assert.DoesNotContain("Fits what you described", f.Reason));

        var both = Engine.Guide(Complaint with { NightLegCramps = true, RacingMind = true }, HealthyAdult(), null, "en");
        var forPathways = both.Assessment.Pathways.Select(p => p.Id).ToHashSet();
        Assert.All(both.Plan.RecommendedForms, f => Assert.Subset(forPathways, f.ForPathways.ToHashSet()));
        Assert.Equal(["gaba-nmda", "muscle-calcium"], both.Plan.RecommendedForms.Single(f => f.Id == "glycinate").ForPathways);

        var none = Engine.Guide(Complaint, HealthyAdult(), null, "en");
        Assert.All(none.Plan.RecommendedForms, f => Assert.Empty(f.ForPathways));
    }

    [Fact]
    public void ARangeComesWithTheTrialPeriodTheVitaminD3TipAndTheTrialDoses()
    {
        var plan = Engine.Guide(Insomnia, HealthyAdult(), null, "en").Plan;
        Assert.NotNull(plan.DailyRangeMg);
        Assert.Equal((2, 4), (plan.TryForWeeks!.Min, plan.TryForWeeks.Max));
        Assert.Equal("vitamin-d3", plan.PairWith!.Id);
        Assert.Equal(["less-caffeine", "regular-bedtime", "no-screens-before-bed"], plan.LifestyleFirst.Select(l => l.Id));
        Assert.NotEmpty(plan.FoodSources.Items);
        Assert.Contains("225–500 mg", plan.Evidence.Text);
    }

    [Theory]
    [InlineData(16, true)]
    [InlineData(40, false)]
    public void WithoutARangeThePlanGivesLifestyleAndFoodButNoTipsOnTakingMagnesium(int age, bool complaint)
    {
        // A 16-year-old is a case for a clinician (rule 8); an adult without a sleep complaint gets no supplement advice (rule 9).
        var plan = Engine.Guide(complaint ? Insomnia : Sleep(), HealthyAdult(age), null, "en").Plan;
        Assert.Null(plan.DailyRangeMg);
        Assert.Empty(plan.RecommendedForms);
        Assert.Null(plan.TryForWeeks);
        Assert.Null(plan.PairWith);
        Assert.Equal(["less-caffeine", "regular-bedtime", "no-screens-before-bed"], plan.LifestyleFirst.Select(l => l.Id));
        Assert.NotEmpty(plan.FoodSources.Items);
        Assert.Equal("trial-population", plan.Evidence.Id);
        Assert.DoesNotContain("mg", plan.Evidence.Text);
        Assert.Contains("only in older adults", plan.Evidence.Text);
    }

    [Fact]
    public void GuidanceCarriesVersionDisclaimerAndTheAssessment()
    {
        var result = Engine.Guide(Insomnia, HealthyAdult(), null, "zh-CN");
        Assert.Equal(Engine.Version, result.RuleSetVersion);
        Assert.Contains("不构成诊断", result.Disclaimer);
        Assert.Equal(Classification.InsomniaPattern, result.Assessment.Classification);
        Assert.Contains("350 mg", result.Plan.DailyRangeMg!.Text);
    }
}
