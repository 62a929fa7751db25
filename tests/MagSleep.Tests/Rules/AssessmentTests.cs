using MagSleep.Core.Rules;
using static MagSleep.Tests.Rules.Requests;

namespace MagSleep.Tests.Rules;

public sealed class AssessmentTests
{
    private static readonly RulesEngine Engine = RuleSetFiles.Engine;

    private static CriterionResult Criterion(AssessmentResult result, string id) => result.Criteria.Single(c => c.Id == id);

    [Theory]
    [InlineData(30, false)]
    [InlineData(31, true)]
    [InlineData(0, false)]
    [InlineData(720, true)]
    public void SleepOnsetCountsOnlyWhenStrictlyOver30Minutes(int minutes, bool met)
    {
        var criterion = Criterion(Engine.Assess(Sleep(onset: minutes), "en"), "sleep-onset-over-30-min");
        Assert.Equal(met, criterion.Met);
        Assert.Equal(minutes, criterion.Observed.Value);
        Assert.Equal(">", criterion.Threshold.Operator);
        Assert.Equal(30, criterion.Threshold.Value);
        Assert.Equal("S2", criterion.Source);
    }

    [Theory]
    [InlineData(1, false, false)]
    [InlineData(2, false, true)]
    [InlineData(0, true, true)]
    [InlineData(1, true, true)]
    public void NightWakingNeedsTwoWakingsOrTroubleFallingBackAsleep(int wakings, bool hardToFallBackAsleep, bool met)
    {
        var result = Engine.Assess(Sleep(wakings: wakings, hardToFallBackAsleep: hardToFallBackAsleep), "en");
        Assert.Equal(met, Criterion(result, "night-waking").Met);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(7, true)]
    public void FrequencyNeedsAtLeast3NightsAWeek(int nights, bool met) =>
        Assert.Equal(met, Criterion(Engine.Assess(Sleep(nights: nights), "en"), "at-least-3-nights-a-week").Met);

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    public void DurationNeedsAtLeast30Days(int days, bool met) =>
        Assert.Equal(met, Criterion(Engine.Assess(Sleep(days: days), "en"), "at-least-1-month").Met);

    [Theory]
    [InlineData(0, "under-1-month")]
    [InlineData(29, "under-1-month")]
    [InlineData(30, "1-to-3-months")]
    [InlineData(89, "1-to-3-months")]
    [InlineData(90, "3-months-or-more")]
    [InlineData(36500, "3-months-or-more")]
    public void DurationCategoryChangesAt30And90Days(int days, string category) =>
        Assert.Equal(category, Engine.Assess(Sleep(days: days), "en").DurationCategory);

    [Theory]
    [InlineData(10, 0, false, 7, 365, "no-pattern")]
    [InlineData(45, 0, false, 0, 365, "no-pattern")]
    [InlineData(45, 0, false, 1, 365, "below-threshold")]
    [InlineData(45, 0, false, 2, 365, "below-threshold")]
    [InlineData(45, 0, false, 3, 0, "no-pattern")]
    [InlineData(45, 0, false, 3, 1, "below-threshold")]
    [InlineData(45, 0, false, 3, 29, "below-threshold")]
    [InlineData(45, 0, false, 3, 30, "insomnia-pattern")]
    [InlineData(10, 2, false, 3, 30, "insomnia-pattern")]
    [InlineData(10, 0, true, 3, 30, "insomnia-pattern")]
    public void ClassificationFollowsNightSymptomFrequencyAndDuration(int onset, int wakings, bool unrefreshing, int nights, int days, string expected)
    {
        var result = Engine.Assess(Sleep(onset, wakings, nights, days, unrefreshing: unrefreshing), "en");
        Assert.Equal(expected, LanguagePack.KebabName(result.Classification));
        Assert.Equal(expected == "insomnia-pattern", result.MeetsCriteria);
    }

    [Fact]
    public void DaytimeImpactAloneIsNoPatternButCountsInTheScore()
    {
        var result = Engine.Assess(Sleep(nights: 7, days: 400, daytime: true), "en");
        Assert.Equal(Classification.NoPattern, result.Classification);
        Assert.Equal(1, result.Score);
    }

    [Fact]
    public void ScoreCountsTheFourSymptomCriteria()
    {
        var result = Engine.Assess(Sleep(onset: 60, wakings: 3, nights: 7, days: 100, unrefreshing: true, daytime: true), "en");
        Assert.Equal(4, result.Score);
        Assert.Equal(["sleep-onset-over-30-min", "night-waking", "unrefreshing-sleep", "daytime-impact", "at-least-3-nights-a-week", "at-least-1-month"],
            result.Criteria.Select(c => c.Id));
    }

    [Fact]
    public void PathwaysFollowThePatternAnswers()
    {
        var answers = Sleep(onset: 45, nights: 4, days: 45) with { RacingMind = true, RestlessLegs = true, UnderStress = false };
        var result = Engine.Assess(answers, "en");
        Assert.Equal(["gaba-nmda", "muscle-calcium"], result.Pathways.Select(p => p.Id));
        Assert.Equal(["restlessLegs"], result.Pathways[1].MatchedBy);
        Assert.All(result.Pathways, p => Assert.NotEmpty(p.SuggestedForms));
    }

    [Theory]
    [InlineData(10, 4, 45)]
    [InlineData(45, 0, 45)]
    [InlineData(45, 4, 0)]
    public void WithNoSleepComplaintThePathwaysAreExplainedButSuggestNoFormOrAmount(int onset, int nights, int days)
    {
        // Rule 9: no sleep complaint, no supplement advice; the mechanisms are still told, as for a clinician's case.
        var answers = Sleep(onset: onset, nights: nights, days: days) with { RacingMind = true, NotSleepyAtBedtime = true };
        var result = Engine.Assess(answers, "en");
        Assert.Equal(Classification.NoPattern, result.Classification);
        Assert.Equal(["gaba-nmda", "melatonin"], result.Pathways.Select(p => p.Id));
        Assert.All(result.Pathways, p => Assert.Empty(p.SuggestedForms));
        Assert.All(result.Pathways, p => Assert.DoesNotContain(" mg", p.Mechanism));
        Assert.All(result.Pathways, p => Assert.DoesNotContain("week", p.Mechanism));
    }

    [Fact]
    public void NoPatternAnswersMeansNoPathways() => Assert.Empty(Engine.Assess(Sleep(), "en").Pathways);

    [Theory]
    [InlineData(true, null)]
    [InlineData(null, true)]
    public void PainIllnessOrMedicationAddsTreatTheCauseFirstNote(bool? pain, bool? medication)
    {
        var result = Engine.Assess(Sleep() with { PainOrIllness = pain, MedicationSideEffects = medication }, "en");
        var note = Assert.Single(result.Notes, n => n.Id == "treat-cause-first");
        Assert.Equal(["S2", "S1"], note.Sources);
    }

    [Theory]
    [InlineData(4, 89, false)]
    [InlineData(4, 90, true)]
    [InlineData(4, 3650, true)]
    [InlineData(2, 120, false)]
    public void AnInsomniaPatternOfThreeMonthsOrMoreSaysADoctorShouldLookAtIt(int nights, int days, bool told)
    {
        foreach (var language in new[] { "en", "zh-CN" })
        {
            var result = Engine.Assess(Sleep(onset: 45, wakings: 2, nights: nights, days: days), language);

            var note = result.Notes.SingleOrDefault(n => n.Id == "long-standing-insomnia");
            Assert.Equal(told, note is not null);
            if (note is not null)
            {
                Assert.Equal("3-months-or-more", result.DurationCategory);
                Assert.Equal(["DSM-5/ICSD-3"], note.Sources);
                Assert.Contains(language == "en" ? "doctor" : "医生", note.Text);
                Assert.Equal("clinical-definition", result.Notes[^1].Id);
            }
        }
    }

    [Fact]
    public void EveryAssessmentComparesWithTheClinicalDefinitionAndCarriesVersionAndDisclaimer()
    {
        var result = Engine.Assess(Sleep(), "en");
        Assert.Contains(result.Notes, n => n.Id == "clinical-definition" && n.Sources.Contains("DSM-5/ICSD-3"));
        Assert.DoesNotContain(result.Notes, n => n.Id == "treat-cause-first");
        Assert.Equal(Engine.Version, result.RuleSetVersion);
        Assert.Contains("not a diagnosis", result.Disclaimer);
    }

    [Fact]
    public void ObservedAndThresholdReadAsText()
    {
        var result = Engine.Assess(Sleep(onset: 45, wakings: 1, hardToFallBackAsleep: true), "en");
        var onset = Criterion(result, "sleep-onset-over-30-min");
        Assert.Equal("45 minutes", onset.Observed.Text);
        Assert.Equal("more than 30 minutes to fall asleep after lying down", onset.Threshold.Text);
        Assert.Equal("1 waking a night; hard to fall back asleep", Criterion(result, "night-waking").Observed.Text);
    }

    [Fact]
    public void ChineseResultsAreInChinese()
    {
        var result = Engine.Assess(Sleep(onset: 45, nights: 4, days: 40), "zh-CN");
        Assert.Equal("45 分钟", Criterion(result, "sleep-onset-over-30-min").Observed.Text);
        Assert.Equal("躺下后超过 30 分钟仍未入睡", Criterion(result, "sleep-onset-over-30-min").Threshold.Text);
        Assert.Contains("不是诊断", result.Summary.Text);
    }
}
