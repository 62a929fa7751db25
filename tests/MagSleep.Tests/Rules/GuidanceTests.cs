using MagSleep.Core.Rules;
using static MagSleep.Tests.Rules.Requests;

namespace MagSleep.Tests.Rules;

public sealed class GuidanceTests
{
    private static readonly RulesEngine Engine = RuleSetFiles.Engine;

    private static readonly SleepAnswers Insomnia = Sleep(onset: 60, nights: 4, days: 45) with { RacingMind = true };

    [Fact]
    public void AHealthyAdultGets200To350MgCappedAtTheUpperLimitWithTheConflictExplained()
    {
        var result = Engine.Guide(Insomnia, HealthyAdult(), null, "en");
        Assert.Equal(Verdict.Ok, result.Safety.Verdict);
        var range = result.Plan.DailyRangeMg!;
        Assert.Equal((200, 350), (range.Min, range.Max));
        Assert.Null(result.Plan.ClinicianReferral);
        var conflict = Assert.Single(result.Safety.Conflicts);
        Assert.Equal("daily-range-capped-at-supplement-upper-limit", conflict.Id);
        Assert.Contains("200–400 mg", conflict.Positions.Single(p => p.Source == "S2").Position);
        Assert.Contains("350 mg", conflict.Resolution);
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
    public void PainIllnessOrMedicationAsTheCauseIsACaution(bool? pain, bool? medication)
    {
        var result = Engine.Guide(Insomnia with { PainOrIllness = pain, MedicationSideEffects = medication }, HealthyAdult(), null, "en");
        var finding = Assert.Single(result.Safety.Findings, f => f.RuleId == "treat-cause-first");
        Assert.Equal(Severity.Caution, finding.Severity);
        Assert.Equal(["S2"], finding.Sources);
        Assert.Equal(Verdict.Caution, result.Safety.Verdict);
        Assert.NotNull(result.Plan.DailyRangeMg);
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
        var stress = Engine.Guide(Sleep() with { UnderStress = true }, HealthyAdult(), null, "en");
        Assert.Equal(["taurate", "l-threonate", "glycinate"], stress.Plan.RecommendedForms.Select(f => f.Id));
        Assert.Contains("stress", stress.Plan.RecommendedForms[0].Reason);

        var cramps = Engine.Guide(Sleep() with { NightLegCramps = true }, HealthyAdult(), null, "en");
        Assert.Equal("glycinate", cramps.Plan.RecommendedForms[0].Id);

        var none = Engine.Guide(Sleep(), HealthyAdult(), null, "en");
        Assert.Equal(["glycinate", "l-threonate", "taurate"], none.Plan.RecommendedForms.Select(f => f.Id));
        Assert.DoesNotContain(none.Plan.RecommendedForms, f => f.Id is "oxide" or "chloride");
    }

    [Fact]
    public void ThePlanAlwaysCarriesTheSameSupportAdvice()
    {
        var plan = Engine.Guide(Insomnia, HealthyAdult(16), null, "en").Plan;
        Assert.Equal((2, 4), (plan.TryForWeeks.Min, plan.TryForWeeks.Max));
        Assert.Equal("vitamin-d3", plan.PairWith.Id);
        Assert.Equal(["less-caffeine", "regular-bedtime", "no-screens-before-bed"], plan.LifestyleFirst.Select(l => l.Id));
        Assert.NotEmpty(plan.FoodSources.Items);
        Assert.Contains("225–500 mg", plan.Evidence.Text);
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
