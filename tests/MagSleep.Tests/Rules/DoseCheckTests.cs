using MagSleep.Core.Rules;
using static MagSleep.Tests.Rules.Requests;

namespace MagSleep.Tests.Rules;

public sealed class DoseCheckTests
{
    private static readonly RulesEngine Engine = RuleSetFiles.Engine;

    private static DoseCheckResult Check(double mg, PersonProfile? profile = null) =>
        Engine.CheckDose(profile ?? HealthyAdult(), Elemental(mg), "en");

    [Theory]
    [InlineData(0.001, "below-common-range")]
    [InlineData(199, "below-common-range")]
    [InlineData(199.999, "below-common-range")]
    [InlineData(200, "everyday")]
    [InlineData(350, "everyday")]
    [InlineData(351, "everyday")]
    [InlineData(400, "everyday")]
    [InlineData(400.001, "unlisted")]
    [InlineData(401, "unlisted")]
    [InlineData(599, "unlisted")]
    [InlineData(600, "high")]
    [InlineData(800, "high")]
    [InlineData(800.001, "supervised")]
    [InlineData(801, "supervised")]
    [InlineData(10000, "supervised")]
    public void TierBoundariesAreExplicit(double mg, string tier) => Assert.Equal(tier, Check(mg).Tier.Id);

    [Theory]
    [InlineData(199, "ok")]
    [InlineData(200, "ok")]
    [InlineData(350, "ok")]
    [InlineData(350.001, "consult-clinician")]
    [InlineData(351, "consult-clinician")]
    [InlineData(400, "consult-clinician")]
    [InlineData(401, "consult-clinician")]
    [InlineData(599, "consult-clinician")]
    [InlineData(600, "consult-clinician")]
    [InlineData(800, "consult-clinician")]
    [InlineData(801, "consult-clinician")]
    public void HealthyAdultVerdictByDose(double mg, string verdict) => Assert.Equal(verdict, LanguagePack.KebabName(Check(mg).Verdict));

    [Theory]
    [InlineData(350, false)]
    [InlineData(351, true)]
    public void AboveTheSupplementUpperLimitOf350MgNeedsAClinician(double mg, bool above)
    {
        var result = Check(mg);
        Assert.Equal(above, result.AboveSupplementUpperLimit);
        Assert.Equal(above, result.Findings.Any(f => f.RuleId == "above-supplement-ul" && f.Severity == Severity.ConsultClinician));
        Assert.Equal(above ? null : 350, result.SupplementUpperLimit?.Mg);
    }

    [Fact]
    public void HealthyAdultAt200To350MgGetsOkWithOnlyInformation()
    {
        var result = Check(300);
        Assert.Equal(Verdict.Ok, result.Verdict);
        Assert.All(result.Findings, f => Assert.Equal(Severity.Info, f.Severity));
        Assert.Equal(["side-effects"], result.Findings.Select(f => f.RuleId));
    }

    [Fact]
    public void BelowTheCommonRangeIsInformationOnly()
    {
        var result = Check(100);
        Assert.Equal(Verdict.Ok, result.Verdict);
        Assert.Contains(result.Findings, f => f.RuleId == "below-common-range" && f.Severity == Severity.Info);
    }

    [Fact]
    public void DoseAbove800MgNeedsAClinician()
    {
        var result = Check(801);
        Assert.Contains(result.Findings, f => f.RuleId == "supervised" && f.Severity == Severity.ConsultClinician);
        Assert.Equal(Verdict.ConsultClinician, result.Verdict);
    }

    [Theory]
    [InlineData(351, "everyday-tier-vs-supplement-upper-limit")]
    [InlineData(400, "everyday-tier-vs-supplement-upper-limit")]
    [InlineData(700, "high-tier-vs-supplement-upper-limit")]
    public void WhereTheSourcesDisagreeTheStricterWinsAndTheResponseSaysSo(double mg, string conflictId)
    {
        var conflict = Assert.Single(Check(mg).Conflicts);
        Assert.Equal(conflictId, conflict.Id);
        Assert.Equal(["S2", "ODS", "S1"], conflict.Positions.Select(p => p.Source));
        Assert.Equal("ODS", conflict.Winner);
        Assert.Contains("below this amount", conflict.Positions[2].Position);
        Assert.All(conflict.Positions, p => Assert.DoesNotContain("mg", p.Position));
        Assert.Contains("stricter", conflict.Resolution);
        Assert.Contains("350 mg", Assert.Single(Check(mg).Findings, f => f.RuleId == "above-supplement-ul").Message);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(300)]
    [InlineData(350)]
    public void AnAmountWithinTheLimitInATierReachingAboveItSaysTheSourcesDisagreeAboveTheLimit(double mg)
    {
        var result = Check(mg);
        Assert.Equal(Verdict.Ok, result.Verdict);
        Assert.Equal(400, result.Tier.Upper!.Mg);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("everyday-tier-reaches-above-supplement-upper-limit", conflict.Id);
        Assert.Equal(["S2", "ODS", "S1"], conflict.Positions.Select(p => p.Source));
        Assert.Equal("ODS", conflict.Winner);
        Assert.Contains("200–400 mg", conflict.Positions[0].Position);
        Assert.Contains("350 mg", conflict.Positions[1].Position);
        Assert.Contains("350 mg", conflict.Positions[2].Position);
        Assert.Contains("above 350 mg", conflict.Resolution);
        Assert.Contains("within the limit and within the Chinese article's everyday range", conflict.Resolution);
    }

    [Fact]
    public void TheTierReachConflictIsToldInChineseWithTheSameFigures()
    {
        var conflict = Assert.Single(Engine.CheckDose(HealthyAdult(), Elemental(300), "zh-CN").Conflicts);
        Assert.Contains("200～400 mg", conflict.Positions[0].Position);
        Assert.StartsWith("中文文章", conflict.Positions[0].Position);
        Assert.Contains("超过 350 mg", conflict.Resolution);
    }

    [Fact]
    public void AConsultAnswerShowsNoTierBoundsSoItStatesNoTierReachConflict()
    {
        var result = Check(300, HealthyAdult() with { KidneyDisease = true });
        Assert.Equal(Verdict.ConsultClinician, result.Verdict);
        Assert.Null(result.Tier.Upper);
        Assert.Empty(result.Conflicts);
    }

    [Theory]
    [InlineData(5, "en", "English-language article")]
    [InlineData(5, "zh-CN", "英文文章")]
    [InlineData(40, "en", "English-language article")]
    public void AConsultAnswerAbove400MgDoesNotPointAtTheAdultLimitOfS1(int age, string language, string s1)
    {
        var profile = HealthyAdult(age) with { KidneyDisease = age >= 18 };
        var result = Engine.CheckDose(profile, Elemental(450), language);
        Assert.Equal(Verdict.ConsultClinician, result.Verdict);
        Assert.Equal("unlisted", result.Tier.Id);
        Assert.DoesNotContain(s1, result.Tier.Description);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "unlisted" && f.Message.Contains(s1, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(199.999)]
    [InlineData(500)]
    [InlineData(900)]
    public void NoConflictWhereTheSourcesAgreeOrOneIsSilent(double mg) => Assert.Empty(Check(mg).Conflicts);

    [Theory]
    [InlineData(17, "consult-clinician")]
    [InlineData(18, "ok")]
    public void Under18GetsNoSelfCareVerdict(int age, string verdict)
    {
        var result = Check(250, HealthyAdult(age));
        Assert.Equal(verdict, LanguagePack.KebabName(result.Verdict));
        Assert.Equal(age < 18, result.Findings.Any(f => f.RuleId == "under-18"));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, 65.0)]
    [InlineData(3, 65.0)]
    [InlineData(4, 110.0)]
    [InlineData(8, 110.0)]
    [InlineData(9, 350.0)]
    [InlineData(120, 350.0)]
    public void UpperLimitFollowsTheAgeBand(int age, double? limit)
    {
        Assert.Equal(limit is null, Check(limit ?? 1, HealthyAdult(age)).AboveSupplementUpperLimit);
        Assert.True(Check((limit ?? 0) + 0.001, HealthyAdult(age)).AboveSupplementUpperLimit);
    }

    [Fact]
    public void AnySupplementForABabyIsAboveTheLimitAndTheConflictWithS2IsStated()
    {
        var result = Check(1, HealthyAdult(0));
        Assert.True(result.AboveSupplementUpperLimit);
        Assert.Equal(Verdict.ConsultClinician, result.Verdict);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("below-common-range-tier-vs-supplement-upper-limit", conflict.Id);
        Assert.Equal(["S2", "ODS"], conflict.Positions.Select(p => p.Source));
        Assert.Contains("under 1 year", conflict.Positions[1].Position);
    }

    [Fact]
    public void A5YearOldAbove110MgIsAboveTheirLimit() => Assert.True(Check(111, HealthyAdult(5)).AboveSupplementUpperLimit);

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void PregnancyBreastfeedingAndKidneyDiseaseNeedAClinician(bool pregnant, bool breastfeeding, bool kidney)
    {
        var result = Check(250, HealthyAdult() with { Pregnant = pregnant, Breastfeeding = breastfeeding, KidneyDisease = kidney });
        Assert.Equal(Verdict.ConsultClinician, result.Verdict);
        Assert.Contains(result.Findings, f => f.RuleId == (kidney ? "kidney-impairment" : "pregnancy-or-breastfeeding"));
    }

    [Theory]
    [InlineData("antibiotics")]
    [InlineData("muscle-relaxants")]
    [InlineData("blood-pressure")]
    [InlineData("bisphosphonates")]
    [InlineData("diuretics")]
    [InlineData("proton-pump-inhibitors")]
    [InlineData("other")]
    public void EveryMedicationGroupNeedsAClinicianAndNamesTheGroup(string group)
    {
        var result = Check(250, HealthyAdult() with { Medications = [group, group] });
        var finding = Assert.Single(result.Findings, f => f.RuleId == "medication-interaction");
        Assert.Equal(Severity.ConsultClinician, finding.Severity);
        Assert.Equal(group, finding.Details!.Group);
        Assert.Equal(Verdict.ConsultClinician, result.Verdict);
    }

    [Theory]
    [InlineData("antibiotics", true)]
    [InlineData("muscle-relaxants", false)]
    [InlineData("blood-pressure", false)]
    [InlineData("bisphosphonates", true)]
    [InlineData("diuretics", false)]
    [InlineData("proton-pump-inhibitors", false)]
    [InlineData("other", false)]
    public void TheCatalogueGivesTheSpacingOfTheGroupsThatHaveOne(string group, bool hasSpacing)
    {
        var medicines = Engine.RiskGroups("en").RiskGroups.Single(g => g.RuleId == "medication-interaction");

        Assert.Equal(hasSpacing, medicines.Members.Single(m => m.Id == group).Spacing is not null);
    }

    [Fact]
    public void AntibioticSpacingComesFromTheData()
    {
        var medicines = Engine.RiskGroups("en").RiskGroups.Single(g => g.RuleId == "medication-interaction");
        var spacing = medicines.Members.Single(m => m.Id == "antibiotics").Spacing!;
        Assert.Equal((2, 4, 6), (spacing.HoursBefore, spacing.HoursAfterMin, spacing.HoursAfterMax));
        Assert.Equal("The NIH Office of Dietary Supplements advises taking tetracycline or quinolone antibiotics at least 2 hours before magnesium, or 4–6 hours after it.", spacing.Text);
    }

    [Theory]
    [InlineData("digestive-disease")]
    [InlineData("diabetes")]
    [InlineData("alcohol-dependence")]
    public void AConditionIsBothADeficiencyRiskAndAReasonToAskADoctor(string condition)
    {
        var result = Check(250, HealthyAdult() with { Conditions = [condition] });
        Assert.Contains(result.Findings, f => f.RuleId == "deficiency-risk" && f.Severity == Severity.Info && f.Details!.Group == condition);
        Assert.Contains(result.Findings, f => f.RuleId == "medical-condition" && f.Severity == Severity.ConsultClinician && f.Details!.Group == condition);
        Assert.Equal(Verdict.ConsultClinician, result.Verdict);
    }

    [Theory]
    [InlineData("en", "You mentioned another medical condition.")]
    [InlineData("zh-CN", "你提到自己有其他疾病。")]
    public void AnotherConditionIsAReasonToAskADoctorButNoDeficiencyRisk(string language, string opening)
    {
        var result = Engine.CheckDose(HealthyAdult() with { Conditions = ["other"] }, Elemental(250), language);

        var finding = Assert.Single(result.Findings, f => f.RuleId == "medical-condition");
        Assert.Equal((Severity.ConsultClinician, "other"), (finding.Severity, finding.Details!.Group));
        Assert.StartsWith(opening, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "deficiency-risk");
        Assert.Equal(Verdict.ConsultClinician, result.Verdict);
    }

    [Theory]
    [InlineData(64, false)]
    [InlineData(65, true)]
    public void OlderAgeAloneIsInformationNotAReferral(int age, bool olderAdult)
    {
        var result = Check(250, HealthyAdult(age));
        Assert.Equal(olderAdult, result.Findings.Any(f => f.RuleId == "deficiency-risk" && f.Details!.Group == "older-adults"));
        Assert.Equal(Verdict.Ok, result.Verdict);
    }

    [Fact]
    public void FindingsComeStrictestFirst()
    {
        var result = Check(100, HealthyAdult(70) with { KidneyDisease = true });
        var severities = result.Findings.Select(f => f.Severity).ToList();
        Assert.Equal(severities.OrderByDescending(s => s), severities);
        Assert.Equal(Severity.ConsultClinician, severities[0]);
    }

    [Fact]
    public void CompoundAmountIsConvertedToElemental()
    {
        var result = Engine.CheckDose(HealthyAdult(), new DoseAmount(500, AmountBasis.Compound, "glycinate"), "en");
        Assert.Equal(500, result.AmountMg);
        Assert.Equal(0.14096, result.ElementalFraction, 4);
        Assert.Equal(70.48, result.ElementalMg, 1);
        Assert.Equal("below-common-range", result.Tier.Id);
    }

    [Fact]
    public void ElementalAmountIsTakenAsIs()
    {
        var result = Engine.CheckDose(HealthyAdult(), new DoseAmount(300, AmountBasis.Elemental, "oxide"), "en");
        Assert.Equal(300, result.ElementalMg);
        Assert.Equal(1, result.ElementalFraction);
    }

    [Fact]
    public void CompoundWithoutAKnownFormIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Engine.CheckDose(HealthyAdult(), new DoseAmount(500, AmountBasis.Compound), "en"));
        Assert.Throws<ArgumentException>(() => Engine.CheckDose(HealthyAdult(), new DoseAmount(500, AmountBasis.Compound, "bisglycinate"), "en"));
        Assert.Throws<ArgumentException>(() => Engine.CheckDose(HealthyAdult() with { Medications = ["aspirin"] }, Elemental(300), "en"));
    }

    [Theory]
    [InlineData(25, "female", 310.0)]
    [InlineData(25, "male", 400.0)]
    [InlineData(40, "male", 420.0)]
    [InlineData(40, "female", 320.0)]
    [InlineData(40, null, null)]
    public void RdaFollowsAgeAndSex(int age, string? sex, double? mg)
    {
        var rda = Check(100, Profile(age, sex, pregnant: false, breastfeeding: false)).Rda;
        Assert.NotNull(rda);
        Assert.Equal(mg, rda.Mg);
        Assert.Equal("rda", LanguagePack.KebabName(rda.Kind));
        Assert.Equal(["ODS"], rda.Sources);
        Assert.NotEmpty(rda.Options);
    }

    /// <summary>Safety rule 8: a case for a clinician is given no intake figure and no tier bounds, only the limit.</summary>
    [Theory]
    [InlineData(0, null, false, false)]
    [InlineData(2, "male", false, false)]
    [InlineData(16, "male", false, false)]
    [InlineData(16, "female", true, false)]
    [InlineData(25, "female", false, true)]
    [InlineData(25, "female", true, false)]
    [InlineData(40, "female", false, true)]
    public void AConsultDoseCheckNamesNoIntakeAndNoTierBounds(int age, string? sex, bool pregnant, bool breastfeeding)
    {
        var result = Check(100, Profile(age, sex, pregnant, breastfeeding));
        Assert.Equal(Verdict.ConsultClinician, result.Verdict);
        Assert.Null(result.Rda);
        Assert.Null(result.Tier.Lower);
        Assert.Null(result.Tier.Upper);
        Assert.NotNull(result.ClinicianReferral);
    }

    private static PersonProfile Profile(int age, string? sex, bool pregnant, bool breastfeeding) =>
        new(age, sex switch { "male" => Sex.Male, "female" => Sex.Female, _ => Sex.Unspecified }, pregnant, breastfeeding);

    [Fact]
    public void EveryDoseCheckCarriesVersionDisclaimerAndSources()
    {
        var result = Check(900, HealthyAdult(16) with { Medications = ["other"], Conditions = ["diabetes"] });
        Assert.Equal(Engine.Version, result.RuleSetVersion);
        Assert.False(string.IsNullOrWhiteSpace(result.Disclaimer));
        Assert.All(result.Findings, f => Assert.NotEmpty(f.Sources));
    }
}
