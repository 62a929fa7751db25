using FsCheck;
using FsCheck.Fluent;
using MagSleep.Core.Rules;
using static MagSleep.Tests.Rules.RuleInputs;

namespace MagSleep.Tests.Rules;

/// <summary>The safety policy, checked over thousands of generated in-range requests in both languages.</summary>
public sealed class SafetyPropertyTests
{
    private static readonly RulesEngine Engine = RuleSetFiles.Engine;
    private static readonly Config Thorough = Config.QuickThrowOnFailure.WithMaxTest(3000);

    private static void AssertFindingsAreSafe(Verdict verdict, IReadOnlyList<Finding> findings)
    {
        Assert.NotEmpty(findings);
        foreach (var finding in findings)
        {
            Assert.True(verdict >= finding.Severity.ToVerdict(), $"verdict {verdict} is milder than {finding.RuleId} ({finding.Severity})");
            Assert.NotEmpty(finding.Sources);
            Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        }

        Assert.Equal(RulesEngine.Strictest(findings), verdict);
    }

    private static void AssertConflictsAreResolved(IReadOnlyList<ConflictView> conflicts) =>
        Assert.All(conflicts, c =>
        {
            Assert.True(c.Positions.Count >= 2);
            Assert.Contains(c.Positions, p => p.Source == c.Winner);
            Assert.False(string.IsNullOrWhiteSpace(c.Resolution));
        });

    [Fact]
    public void DoseChecksNeverBreakTheSafetyPolicy()
    {
        var requests = (from profile in ProfileGen from dose in DoseGen from language in LanguageGen select (profile, dose, language)).ToArbitrary();
        Check.One(Thorough, Prop.ForAll(requests, request =>
        {
            var (profile, dose, language) = request;
            var result = Engine.CheckDose(profile, dose, language);
            AssertFindingsAreSafe(result.Verdict, result.Findings);
            AssertConflictsAreResolved(result.Conflicts);
            Assert.Equal(Engine.Version, result.RuleSetVersion);
            Assert.False(string.IsNullOrWhiteSpace(result.Disclaimer));
            Assert.True(result.ElementalMg > 0 && result.ElementalMg <= dose.AmountMg);
            if (result.AboveSupplementUpperLimit || profile.Age < 18 || profile.Pregnant || profile.Breastfeeding || profile.KidneyDisease
                || profile.Medications!.Count > 0 || profile.Conditions!.Count > 0 || result.ElementalMg > 800)
            {
                Assert.Equal(Verdict.ConsultClinician, result.Verdict);
            }

            if (result.SupplementUpperLimit.Mg is { } limit)
            {
                Assert.Equal(result.ElementalMg > limit, result.AboveSupplementUpperLimit);
            }
        }));
    }

    [Fact]
    public void GuidanceNeverSuggestsAnUnsafeRange()
    {
        var requests = (
            from sleep in SleepGen
            from profile in ProfileGen
            from dose in Gen.Frequency((1, Gen.Constant<DoseAmount?>(null)), (2, DoseGen.Select(d => (DoseAmount?)d)))
            from language in LanguageGen
            select (sleep, profile, dose, language)).ToArbitrary();
        Check.One(Thorough, Prop.ForAll(requests, request =>
        {
            var (sleep, profile, dose, language) = request;
            var result = Engine.Guide(sleep, profile, dose, language);
            var safety = result.Safety;
            AssertFindingsAreSafe(safety.Verdict, safety.Findings);
            AssertConflictsAreResolved(safety.Conflicts);
            Assert.Equal(Engine.Version, result.RuleSetVersion);
            Assert.Equal(Engine.Version, result.Assessment.RuleSetVersion);
            Assert.False(string.IsNullOrWhiteSpace(result.Disclaimer));

            var plan = result.Plan;
            if (safety.Verdict == Verdict.ConsultClinician)
            {
                Assert.Null(plan.DailyRangeMg);
                Assert.Empty(plan.RecommendedForms);
                Assert.NotNull(plan.ClinicianReferral);
                Assert.NotEmpty(plan.ClinicianReferral.RuleIds);
            }

            if (plan.DailyRangeMg is { } range)
            {
                var limit = Engine.CheckDose(profile, new DoseAmount(1), language).SupplementUpperLimit.Mg;
                Assert.NotNull(limit);
                Assert.True(range.Max <= limit, $"range max {range.Max} above the limit {limit} for age {profile.Age}");
                Assert.True(range.Max <= 350);
                Assert.True(range.Min <= range.Max);
                Assert.True(profile.Age >= 18);
                Assert.NotEmpty(range.Sources);
            }

            Assert.All(plan.RecommendedForms, f => Assert.NotEmpty(f.Sources));
            Assert.All(plan.LifestyleFirst, s => Assert.NotEmpty(s.Sources));
            Assert.All(result.Assessment.Pathways, p => Assert.NotEmpty(p.Sources));
            Assert.All(result.Assessment.Notes, n => Assert.NotEmpty(n.Sources));
            Assert.True(plan.TryForWeeks is null || plan.TryForWeeks.Sources.Count > 0);
            Assert.True(plan.PairWith is null || plan.PairWith.Sources.Count > 0);
            Assert.NotEmpty(plan.FoodSources.Sources);
            Assert.NotEmpty(plan.Evidence.Sources);
        }));
    }

    [Fact]
    public void AssessmentsAreTotalAndConsistent()
    {
        Check.One(Thorough, Prop.ForAll((from sleep in SleepGen from language in LanguageGen select (sleep, language)).ToArbitrary(), request =>
        {
            var result = Engine.Assess(request.sleep, request.language);
            Assert.InRange(result.Score, 0, 4);
            Assert.Equal(result.Classification == Classification.InsomniaPattern, result.MeetsCriteria);
            Assert.Equal(6, result.Criteria.Count);
            Assert.All(result.Criteria, c => Assert.False(string.IsNullOrWhiteSpace(c.Source)));
            Assert.False(string.IsNullOrWhiteSpace(result.Disclaimer));
            Assert.NotEmpty(result.Summary.Sources);
        }));
    }
}
