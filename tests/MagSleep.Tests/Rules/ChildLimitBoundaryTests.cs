using MagSleep.Core.Rules;
using static MagSleep.Tests.Rules.Requests;

namespace MagSleep.Tests.Rules;

/// <summary>The ODS upper limits for supplements at the edges of every age band, with the source named in every conflict position.</summary>
public sealed class ChildLimitBoundaryTests
{
    private static readonly RulesEngine Engine = RuleSetFiles.Engine;

    /// <summary>Age, the ODS limit (null: none set, so any supplement is above it), and who sets it.</summary>
    public static TheoryData<int, double?, string[]> Ages => new()
    {
        { 0, null, ["ODS"] },
        { 1, 65, ["ODS"] },
        { 3, 65, ["ODS"] },
        { 4, 110, ["ODS"] },
        { 8, 110, ["ODS"] },
        { 9, 350, ["ODS"] },
        { 13, 350, ["ODS"] },
        { 14, 350, ["ODS"] },
        { 17, 350, ["ODS"] },
        { 18, 350, ["ODS", "S1"] },
    };

    [Theory]
    [MemberData(nameof(Ages))]
    public void TheLimitForTheAgeIsTheOdsFigureCreditedToWhoSetsIt(int age, double? limit, string[] setBy)
    {
        foreach (var language in new[] { "en", "zh-CN" })
        {
            var band = Assert.Single(Engine.DoseTiers(language).SupplementUpperLimits, b => b.MinAge <= age && age <= b.MaxAge);
            Assert.Equal(limit, band.Mg);
            Assert.Equal(setBy, band.Sources);

            // A child's dose check is a case for a clinician, which tells the limit only in a finding that explains it (rule 8).
            var result = Engine.CheckDose(HealthyAdult(age), Elemental(1), language);
            Assert.Equal(age < 18 ? null : band, result.SupplementUpperLimit);
            Assert.Equal(limit is null, result.AboveSupplementUpperLimit);
        }
    }

    [Theory]
    [MemberData(nameof(Ages))]
    public void AtTheLimitNothingIsAboveItAndOnlyAnAdultsShownTierReachingAboveItIsAConflict(int age, double? limit, string[] setBy)
    {
        _ = setBy;
        if (limit is not { } mg)
        {
            return;
        }

        var result = Engine.CheckDose(HealthyAdult(age), Elemental(mg), "en");
        Assert.False(result.AboveSupplementUpperLimit);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "above-supplement-ul");
        // A child's answer shows no tier bounds (rule 8); an adult's shows the 200-400 mg tier beside the 350 mg limit.
        Assert.Equal(age < 18 ? [] : ["everyday-tier-reaches-above-supplement-upper-limit"], result.Conflicts.Select(c => c.Id));
        Assert.Equal(age < 18 ? Verdict.ConsultClinician : Verdict.Ok, result.Verdict);
    }

    [Theory]
    [MemberData(nameof(Ages))]
    public void JustAboveTheLimitTheFindingAndTheConflictNameTheSourceThatSetsIt(int age, double? limit, string[] setBy)
    {
        foreach (var language in new[] { "en", "zh-CN" })
        {
            var mg = (limit ?? 0) + 1;
            var result = Engine.CheckDose(HealthyAdult(age), Elemental(mg), language);
            Assert.True(result.AboveSupplementUpperLimit);
            Assert.Equal(Verdict.ConsultClinician, result.Verdict);

            var finding = Assert.Single(result.Findings, f => f.RuleId == "above-supplement-ul");
            Assert.Equal(setBy, finding.Sources);
            if (limit is { } figure)
            {
                Assert.Contains($"{figure} mg", finding.Message);
            }

            var conflict = Assert.Single(result.Conflicts);
            Assert.Equal(["S2", .. setBy], conflict.Positions.Select(p => p.Source));
            Assert.Equal("ODS", conflict.Winner);
            Assert.All(conflict.Positions, p => Assert.True(SourceNames.Opens(p.Source, p.Position), $"{p.Source}: {p.Position}"));
            // Rule 8: a consult-clinician answer states the limit in the finding only; the conflict names no figure.
            Assert.All(conflict.Positions, p => Assert.DoesNotContain("mg", p.Position));
            Assert.DoesNotContain(result.Findings, f => f.Message.Contains("no safety concern") || f.Message.Contains("不构成安全问题"));
            Assert.DoesNotContain("no safety concern", result.Tier.Description);
        }
    }

    [Theory]
    [InlineData(2, 150, "below-common-range-tier-vs-supplement-upper-limit")]
    [InlineData(6, 300, "everyday-tier-vs-supplement-upper-limit")]
    [InlineData(12, 700, "high-tier-vs-supplement-upper-limit")]
    [InlineData(16, 380, "everyday-tier-vs-supplement-upper-limit")]
    public void AChildAboveTheLimitInATierS2CallsFineIsToldTheSourcesDisagree(int age, double mg, string conflictId)
    {
        var result = Engine.CheckDose(HealthyAdult(age), Elemental(mg), "en");
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(conflictId, conflict.Id);
        Assert.Equal(["S2", "ODS"], conflict.Positions.Select(p => p.Source));
        Assert.DoesNotContain(conflict.Positions, p => p.Position.Contains("S1"));
    }

    [Theory]
    [InlineData(450)]
    [InlineData(900)]
    public void WhereS2IsSilentOrAgreesNoConflictIsStatedForAChild(double mg) =>
        Assert.Empty(Engine.CheckDose(HealthyAdult(10), Elemental(mg), "en").Conflicts);
}
