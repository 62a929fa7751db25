using FsCheck;
using FsCheck.Fluent;
using MagSleep.Core.Rules;

namespace MagSleep.Tests.Rules;

/// <summary>The safety policy, checked over thousands of generated in-range requests in both languages.</summary>
public sealed class SafetyPropertyTests
{
    private static readonly RulesEngine Engine = RuleSetFiles.Engine;
    private static readonly Config Thorough = Config.QuickThrowOnFailure.WithMaxTest(3000);

    private static readonly Gen<bool?> OptionalFlag = Gen.Elements<bool?>(null, false, true);

    private static readonly Gen<SleepAnswers> SleepGen =
        from onset in Gen.Choose(0, 720)
        from wakings in Gen.Choose(0, 30)
        from nights in Gen.Choose(0, 7)
        from days in Gen.Frequency((3, Gen.Choose(0, 400)), (1, Gen.Choose(0, 36500)))
        from flags in Gen.ArrayOf(Gen.Elements(false, true), 3)
        from optional in Gen.ArrayOf(OptionalFlag, 7)
        select new SleepAnswers(onset, wakings, nights, days, flags[0], flags[1], flags[2],
            optional[0], optional[1], optional[2], optional[3], optional[4], optional[5], optional[6]);

    private static readonly Gen<PersonProfile> ProfileGen =
        from age in Gen.Frequency((1, Gen.Choose(0, 17)), (3, Gen.Choose(18, 120)))
        from sex in Gen.Elements(Enum.GetValues<Sex>())
        from flags in Gen.ArrayOf(Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true))), 3)
        from medications in Gen.Frequency((2, Gen.Constant<IReadOnlyList<string>>([])), (1, Gen.SubListOf(Engine.MedicationIds.ToArray()).Select(l => (IReadOnlyList<string>)l.ToArray())))
        from conditions in Gen.Frequency((2, Gen.Constant<IReadOnlyList<string>>([])), (1, Gen.SubListOf(Engine.ConditionIds.ToArray()).Select(l => (IReadOnlyList<string>)l.ToArray())))
        select new PersonProfile(age, sex, flags[0], flags[1], flags[2], medications, conditions);

    private static readonly Gen<double> AmountGen = Gen.OneOf(
        Gen.Choose(1, 10_000_000).Select(micrograms => micrograms / 1000.0),
        Gen.Elements(0.001, 199, 199.999, 200, 350, 350.001, 351, 400, 400.001, 401, 599, 600, 800, 800.001, 801, 10_000.0),
        Gen.Choose(150, 900).Select(mg => (double)mg));

    private static readonly Gen<DoseAmount> DoseGen =
        from amount in AmountGen
        from compound in Gen.Elements(false, true)
        from form in Gen.Elements(Engine.FormIds.ToArray())
        from giveForm in Gen.Elements(false, true)
        select compound ? new DoseAmount(amount, AmountBasis.Compound, form) : new DoseAmount(amount, AmountBasis.Elemental, giveForm ? form : null);

    private static readonly Gen<string> LanguageGen = Gen.Elements("en", "zh-CN");

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
            Assert.NotEmpty(plan.TryForWeeks.Sources);
            Assert.NotEmpty(plan.PairWith.Sources);
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
