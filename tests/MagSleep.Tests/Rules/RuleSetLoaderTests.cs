using System.Text.Json.Nodes;
using MagSleep.Core.Content;
using MagSleep.Core.Rules;
using static MagSleep.Tests.Rules.Requests;

namespace MagSleep.Tests.Rules;

public sealed class RuleSetLoaderTests
{
    [Fact]
    public void TheShippedRuleSetLoadsWithAVersion()
    {
        var rules = RuleSetLoader.Load(RuleSetFiles.Directory);
        Assert.Matches(@"^\d{4}\.\d+\.\d+$", rules.Version);
        Assert.Equal(["S1", "S2", "ODS", "DSM-5/ICSD-3", "IUPAC"], rules.Sources.Select(s => s.Tag));
    }

    [Fact]
    public void ChangingAThresholdInContentMovesTheBoundaryWithoutCodeChanges()
    {
        using var copy = RuleSetFiles.Copy();
        copy.Edit(RuleSetLoader.InsomniaFile, n => n["criteria"]![0]!["value"] = 45);
        copy.Edit(RuleSetLoader.DoseFile, n =>
        {
            n["tiers"]![1]!["upper"]!["mg"] = 450;
            n["tiers"]![2]!["lower"]!["mg"] = 450;
        });
        copy.Edit(RuleSetLoader.DoseFile, n => n["upperLimits"]![4]!["mg"] = 300);
        var edited = RulesEngine.Load(copy.Directory);
        var shipped = RuleSetFiles.Engine;

        Assert.True(shipped.Assess(Sleep(onset: 40), "en").Criteria[0].Met);
        Assert.False(edited.Assess(Sleep(onset: 40), "en").Criteria[0].Met);
        Assert.Equal("more than 45 minutes to fall asleep after lying down", edited.Assess(Sleep(), "en").Criteria[0].Threshold.Text);

        Assert.Equal("unlisted", shipped.CheckDose(HealthyAdult(), Elemental(420), "en").Tier.Id);
        Assert.Equal("everyday", edited.CheckDose(HealthyAdult(), Elemental(420), "en").Tier.Id);

        Assert.Equal(Verdict.Ok, shipped.CheckDose(HealthyAdult(), Elemental(320), "en").Verdict);
        Assert.Equal(Verdict.ConsultClinician, edited.CheckDose(HealthyAdult(), Elemental(320), "en").Verdict);
        Assert.Equal(300, edited.Guide(Sleep(onset: 60, nights: 1, days: 7), HealthyAdult(), null, "en").Plan.DailyRangeMg!.Max);
    }

    [Fact]
    public void WhereASleepComplaintStartsIsContent()
    {
        using var copy = RuleSetFiles.Copy();
        copy.Edit(RuleSetLoader.InsomniaFile, n => n["criteria"]![4]!["complaintFrom"] = 2);
        var edited = RulesEngine.Load(copy.Directory);

        Assert.Equal(Classification.BelowThreshold, RuleSetFiles.Engine.Assess(Sleep(onset: 45, nights: 1, days: 7), "en").Classification);
        Assert.Equal(Classification.NoPattern, edited.Assess(Sleep(onset: 45, nights: 1, days: 7), "en").Classification);
        Assert.Equal(Classification.BelowThreshold, edited.Assess(Sleep(onset: 45, nights: 2, days: 7), "en").Classification);
    }

    public static TheoryData<string, Action<JsonNode>, string, string> BrokenFiles => new()
    {
        { RuleSetLoader.InsomniaFile, n => n["criteria"]![0]!["complaintFrom"] = 1, "$.criteria[0].complaintFrom", "frequency or duration" },
        { RuleSetLoader.InsomniaFile, n => n["criteria"]![4]!["complaintFrom"] = 4, "$.criteria[4].complaintFrom", "at most the criterion's value" },
        { RuleSetLoader.InsomniaFile, n => n["criteria"]![4]!["complaintFrom"] = 0, "$.criteria[4].complaintFrom", "above 0" },
        { RuleSetLoader.InsomniaFile, n => n["criteria"]![5]!.AsObject().Remove("complaintFrom"), "$.criteria[5].complaintFrom", "safety rule 9" },
        { RuleSetLoader.DoseFile, n => n["tiers"]![2]!["lower"]!["mg"] = 450, "$.tiers[2].lower.mg", "contiguous" },
        { RuleSetLoader.DoseFile, n => n["tiers"]![2]!["lower"]!["inclusive"] = true, "$.tiers[2].lower.inclusive", "overlap" },
        { RuleSetLoader.DoseFile, n => n["tiers"]![1]!["upper"]!["inclusive"] = false, "$.tiers[2].lower.inclusive", "gap" },
        { RuleSetLoader.DoseFile, n => n["tiers"]![1]!["upper"]!["mgg"] = 1, "$.tiers[1].upper.mgg", "could not be mapped" },
        { RuleSetLoader.DoseFile, n => n["tiers"]![1]!.AsObject().Remove("name"), "$.tiers[1]", "name" },
        { RuleSetLoader.DoseFile, n => n["tiers"]![1]!["name"]!["zh-CN"] = " ", "$.tiers[1].name['zh-CN']", "missing in this language" },
        { RuleSetLoader.DoseFile, n => n["tiers"]![1]!["severity"] = "severe", "$.tiers[1].severity", "" },
        { RuleSetLoader.DoseFile, n => n["tiers"]![1]!["id"] = "high", "$.tiers[3]", "used twice" },
        { RuleSetLoader.DoseFile, n => n["upperLimits"]![4]!["maxAge"] = 100, "$.upperLimits", "end at age 100" },
        { RuleSetLoader.DoseFile, n => n["upperLimits"]![2]!["minAge"] = 5, "$.upperLimits[2].minAge", "expected 4" },
        { RuleSetLoader.DoseFile, n => n["upperLimits"]![4]!["sources"] = new JsonArray("S9"), "$.upperLimits[4].sources[0]", "'S9' is not a source tag" },
        { RuleSetLoader.DoseFile, n => n["upperLimits"]![4]!["sources"] = new JsonArray(), "$.upperLimits[4].sources", "at least one source" },
        { RuleSetLoader.DoseFile, n => n["upperLimits"]![4]!["mg"] = "350", "$.upperLimits[4].mg", "" },
        { RuleSetLoader.DoseFile, n => n["conflicts"]![3]!["whenRule"] = "sometimes", "$.conflicts[3].whenRule", "is triggered by" },
        { RuleSetLoader.DoseFile, n => n["conflicts"]![3]!["whenRule"] = "above-supplement-ul", "$.conflicts[3]", "same whenTier and whenRule" },
        { RuleSetLoader.DoseFile, n => n["conflicts"]![3]!["resolution"]!["en"] = "Above {tierMax} mg.", "$.conflicts[3].resolution.en", "unknown placeholder" },
        { RuleSetLoader.InsomniaFile, n => n["pathways"]![0]!["suggestedForms"]![0] = "bisglycinate", "$.pathways[0].suggestedForms[0]", "not in forms.json" },
        { RuleSetLoader.InsomniaFile, n => n["pathways"]![0]!["triggers"]![0] = "racing", "$.pathways[0].triggers[0]", "not a yes/no answer" },
        { RuleSetLoader.InsomniaFile, n => n["criteria"]![0]!["operator"] = "=>", "$.criteria[0].operator", "not one of" },
        { RuleSetLoader.InsomniaFile, n => n["criteria"]![0]!["thresholdText"]!["en"] = "over {vaule} minutes", "$.criteria[0].thresholdText.en", "unknown placeholder {vaule}" },
        { RuleSetLoader.InsomniaFile, n => n["durationCategories"]![2]!["minDays"] = 91, "$.durationCategories[2].minDays", "contiguous" },
        { RuleSetLoader.FormsFile, n => n["forms"]![0]!["formula"] = "Mg(C2H4NO2", "$.forms[0].formula", "unclosed" },
        { RuleSetLoader.FormsFile, n => n["forms"]![0]!["formula"] = "MgBr2", "$.forms[0].formula", "no atomic mass is given for 'Br'" },
        { RuleSetLoader.FormsFile, n => n["forms"]![0]!["formula"] = "Mg99999999999999", "$.forms[0].formula", "is above 10000" },
        { RuleSetLoader.FormsFile, n => n["forms"]![0]!["formula"] = "(Mg9999)9999", "$.forms[0].formula", "more than 10000 atoms of Mg" },
        { RuleSetLoader.RisksFile, n => n["medicationInteraction"]!["groups"]![0] = null, "$.medicationInteraction.groups[0]", "a list item is null" },
        { RuleSetLoader.InsomniaFile, n => n["pathways"]![0]!["triggers"]![0] = null, "$.pathways[0].triggers[0]", "a list item is null" },
        { RuleSetLoader.FormsFile, n => n["forms"]![0]!["id"] = "L-Threonate", "$.forms[0].id", "kebab-case" },
        { RuleSetLoader.RisksFile, n => n["deficiencyRisk"]!["groups"]![0]!["condition"] = "asthma", "$.deficiencyRisk.groups[0].condition", "not in $.medicalCondition.conditions" },
        { RuleSetLoader.RisksFile, n => n["medicalCondition"]!["ruleId"] = "kidney-impairment", "$.medicalCondition.ruleId", "used twice" },
        { RuleSetLoader.GuidanceFile, n => n["dailyRange"]!["fromTier"] = "daily", "$.dailyRange.fromTier", "not a closed tier" },
        { RuleSetLoader.GuidanceFile, n => n["dailyRange"]!["conflict"]!["winner"] = "DSM-5/ICSD-3", "$.dailyRange.conflict.winner", "holds none of the positions" },
        { RuleSetLoader.ManifestFile, n => n["version"] = "next", "$.version", "not a version" },
        { RuleSetLoader.InputsFile, n => n["sleep"]!["nightsPerWeek"]!["max"] = -1, "$.sleep.nightsPerWeek", "below max" },
    };

    /// <summary>One-value edits that would switch a consult-clinician rule of the safety policy off.</summary>
    public static TheoryData<string, Action<JsonNode>, string, string> SafetyPolicyFloors => new()
    {
        { RuleSetLoader.RisksFile, n => n["pregnancyOrBreastfeeding"]!["severity"] = "info", "$.pregnancyOrBreastfeeding.severity", "consult-clinician" },
        { RuleSetLoader.RisksFile, n => n["kidneyImpairment"]!["severity"] = "caution", "$.kidneyImpairment.severity", "consult-clinician" },
        { RuleSetLoader.RisksFile, n => n["under18"]!["severity"] = "info", "$.under18.severity", "consult-clinician" },
        { RuleSetLoader.RisksFile, n => n["medicationInteraction"]!["severity"] = "caution", "$.medicationInteraction.severity", "consult-clinician" },
        { RuleSetLoader.RisksFile, n => n["medicalCondition"]!["severity"] = "info", "$.medicalCondition.severity", "consult-clinician" },
        { RuleSetLoader.RisksFile, n => n["aboveSupplementUpperLimit"]!["severity"] = "caution", "$.aboveSupplementUpperLimit.severity", "consult-clinician" },
        { RuleSetLoader.RisksFile, n => n["under18"]!["adultAgeYears"] = 0, "$.under18.adultAgeYears", "under 18" },
        { RuleSetLoader.RisksFile, n => n["under18"]!["adultAgeYears"] = 17, "$.under18.adultAgeYears", "raised, not lowered" },
        { RuleSetLoader.GuidanceFile, n => n["treatCauseFirst"]!["severity"] = "caution", "$.treatCauseFirst.severity", "rule 7" },
        { RuleSetLoader.DoseFile, n => n["upperLimits"]![4]!["mg"] = 351, "$.upperLimits[4].mg", "at most 350 mg" },
        { RuleSetLoader.DoseFile, n => n["upperLimits"]![3]!["mg"] = 400, "$.upperLimits[3].mg", "at most 350 mg" },
        { RuleSetLoader.DoseFile, n => n["upperLimits"]![2]!["mg"] = 111, "$.upperLimits[2].mg", "at most 110 mg" },
        { RuleSetLoader.DoseFile, n => n["upperLimits"]![1]!["mg"] = 66, "$.upperLimits[1].mg", "at most 65 mg" },
        { RuleSetLoader.DoseFile, n => n["upperLimits"]![4]!.AsObject().Remove("mg"), "$.upperLimits[4].mg", "not raised or left out" },
        { RuleSetLoader.DoseFile, n => n["tiers"]![4]!["severity"] = "caution", "$.tiers[4]", "consult-clinician" },
        { RuleSetLoader.DoseFile, n => { n["tiers"]![3]!["upper"]!["mg"] = 900; n["tiers"]![4]!["lower"]!["mg"] = 900; }, "$.tiers[4]", "above 800 mg" },
        { RuleSetLoader.FormsFile, n => n["atomicMasses"]!["elements"]!["Mg"] = 1, "$.atomicMasses.elements.Mg", "standard atomic weight of Mg is 24.305" },
        { RuleSetLoader.FormsFile, n => n["atomicMasses"]!["elements"]!["C"] = 13, "$.atomicMasses.elements.C", "standard atomic weight of C" },
        { RuleSetLoader.RisksFile, n => n["medicationInteraction"]!["groups"] = new JsonArray(), "$.medicationInteraction.groups", "'other'" },
        { RuleSetLoader.RisksFile, n => n["medicalCondition"]!["conditions"]!.AsArray().RemoveAt(3), "$.medicalCondition.conditions", "'other'" },
        { RuleSetLoader.GuidanceFile, n => n["dailyRange"]!["fromTier"] = "high", "$.dailyRange.fromTier", "below the adult upper limit" },
        { RuleSetLoader.RisksFile, n => n["pregnancyOrBreastfeeding"]!["message"]!["en"] = "Magnesium glycinate at 300 mg a day is safe in pregnancy.", "$.pregnancyOrBreastfeeding.message.en", "no amount" },
        { RuleSetLoader.RisksFile, n => n["under18"]!["message"]!["zh-CN"] = "可以服用甘氨酸镁。", "$.under18.message['zh-CN']", "'glycinate'" },
        { RuleSetLoader.GuidanceFile, n => n["lifestyleFirst"]![0]!["text"]!["en"] = "Take magnesium for 3 weeks.", "$.lifestyleFirst[0].text.en", "no amount or number of weeks" },
        { RuleSetLoader.GuidanceFile, n => n["referral"]!["reason"]!["en"] = "Take glycinate until your appointment.", "$.referral.reason.en", "'glycinate'" },
        { RuleSetLoader.GuidanceFile, n => n["referral"]!["bring"]![0]!["text"]!["en"] = "Your 300 mg bottle.", "$.referral.bring[0].text.en", "no amount" },
        { RuleSetLoader.DoseFile, n => n["tiers"]![1]!["name"]!["en"] = "Glycinate for 4 weeks", "$.tiers[1].name.en", "no amount or number of weeks" },
        { RuleSetLoader.InsomniaFile, n => n["notes"]!["treatCauseFirst"]!["text"]!["en"] = "Meanwhile, 200 mg helps.", "$.notes.treatCauseFirst.text.en", "no amount" },
    };

    [Theory]
    [MemberData(nameof(SafetyPolicyFloors))]
    public void AnEditThatWouldSwitchOffAConsultClinicianRuleIsALoadError(string file, Action<JsonNode> breakIt, string path, string problem) =>
        ABrokenFileIsRejectedWithItsFileAndPath(file, breakIt, path, problem);

    [Fact]
    public void TheAdultUpperLimitMayBeLowered()
    {
        using var copy = RuleSetFiles.Copy();
        copy.Edit(RuleSetLoader.DoseFile, n => n["upperLimits"]![4]!["mg"] = 300);

        Assert.Equal(300, RulesEngine.Load(copy.Directory).Guide(Sleep(onset: 60, nights: 4, days: 60), HealthyAdult(), null, "en").Plan.DailyRangeMg!.Max);
    }

    [Fact]
    public void TheAdultAgeMayBeRaised()
    {
        using var copy = RuleSetFiles.Copy();
        copy.Edit(RuleSetLoader.RisksFile, n => n["under18"]!["adultAgeYears"] = 21);

        Assert.Equal(Verdict.ConsultClinician, RulesEngine.Load(copy.Directory).CheckDose(HealthyAdult(age: 19), Elemental(250), "en").Verdict);
    }

    /// <summary>Typos a person could make in an edit, each far outside anything a source says.</summary>
    public static TheoryData<string, Action<JsonNode>, string, string> ImplausibleValues => new()
    {
        { RuleSetLoader.DoseFile, n => n["upperLimits"]![4]!["mg"] = 35_000, "$.upperLimits[4].mg", "not a plausible upper limit" },
        { RuleSetLoader.DoseFile, n => n["upperLimits"]![1]!["mg"] = 6500, "$.upperLimits[1].mg", "not a plausible upper limit" },
        { RuleSetLoader.DoseFile, n => n["recommendedIntake"]![6]!["values"]![0]!["mg"] = 42_000, "$.recommendedIntake[6].values[0].mg", "at most" },
        { RuleSetLoader.DoseFile, n => { n["tiers"]![3]!["upper"]!["mg"] = 80_000; n["tiers"]![4]!["lower"]!["mg"] = 80_000; }, "$.tiers[4].lower.mg", "not plausible" },
        { RuleSetLoader.FormsFile, n => n["atomicMasses"]!["elements"]!["Mg"] = 2430.5, "$.atomicMasses.elements.Mg", "atomic mass runs from" },
        { RuleSetLoader.GuidanceFile, n => n["tryForWeeks"]!["max"] = 400, "$.tryForWeeks.max", "not plausible" },
        { RuleSetLoader.GuidanceFile, n => n["evidence"]!["trialDoseMaxMg"] = 50_000, "$.evidence.trialDoseMaxMg", "not plausible" },
        { RuleSetLoader.InsomniaFile, n => n["criteria"]![0]!["value"] = 3000, "$.criteria[0].value", "within the allowed answers" },
        { RuleSetLoader.InsomniaFile, n => n["criteria"]![4]!["value"] = 30, "$.criteria[4].value", "within the allowed answers" },
        { RuleSetLoader.InputsFile, n => n["dose"]!["age"]!["max"] = 1200, "$.dose.age.max", "not plausible" },
        { RuleSetLoader.RisksFile, n => n["medicationInteraction"]!["groups"]![0]!["spacing"]!["hoursAfterMax"] = 600, "$.medicationInteraction.groups[0].spacing", "hours run from" },
    };

    [Theory]
    [MemberData(nameof(ImplausibleValues))]
    public void AnImplausibleValueIsALoadErrorNamingTheField(string file, Action<JsonNode> breakIt, string path, string problem) =>
        ABrokenFileIsRejectedWithItsFileAndPath(file, breakIt, path, problem);

    /// <summary>Texts told in consult-clinician answers are checked at load for amounts and weeks (safety rule 8).</summary>
    public static TheoryData<string, Action<JsonNode>, string> AmountsWhereAConsultAnswerWouldTellThem => new()
    {
        { RuleSetLoader.InsomniaFile, n => n["pathways"]![1]!["consultMechanism"]!["en"] = "Older adults took 500 mg a day.", "$.pathways[1].consultMechanism.en" },
        { RuleSetLoader.InsomniaFile, n => n["pathways"]![2]!["consultMechanism"]!["zh-CN"] = "坚持 24 周后皮质醇下降。", "$.pathways[2].consultMechanism['zh-CN']" },
        { RuleSetLoader.InsomniaFile, n => n["pathways"]![0]!["mechanism"]!["en"] = "In a trial, 300 mg a day helped.", "$.pathways[0].mechanism.en" },
        { RuleSetLoader.InsomniaFile, n => n["pathways"]![3]!.AsObject().Remove("consultMechanism"), "$.pathways[3].mechanism.en" },
        { RuleSetLoader.DoseFile, n => n["tiers"]![0]!["consultDescription"]!["zh-CN"] = "低于 200 毫克。", "$.tiers[0].consultDescription['zh-CN']" },
        { RuleSetLoader.DoseFile, n => n["tiers"]![4]!["description"]!["en"] = "Above {ulMg} mg a day.", "$.tiers[4].description.en" },
        { RuleSetLoader.GuidanceFile, n => n["evidence"]!["consultText"]!["en"] = "Trials ran for 8 weeks.", "$.evidence.consultText.en" },
        { RuleSetLoader.GuidanceFile, n => n["foodSources"]!["conflict"]!["positions"]![1]!["position"]!["en"] = "The Chinese article says 200 mg a day from supplements is more reliable.", "$.foodSources.conflict.positions[1].position.en" },
        { RuleSetLoader.GuidanceFile, n => n["foodSources"]!["conflict"]!["resolution"]!["zh-CN"] = "先从食物补起，2 周后再考虑补充剂。", "$.foodSources.conflict.resolution['zh-CN']" },
    };

    /// <summary>A consult-clinician answer suggests no form, so the pathway texts it tells name none either.</summary>
    public static TheoryData<Action<JsonNode>, string, string> FormsNamedWhereAConsultAnswerWouldTellThem => new()
    {
        { n => n["pathways"]![3]!["consultMechanism"]!["en"] = "Women taking magnesium bisglycinate had fewer cramps.", "$.pathways[3].consultMechanism.en", "'glycinate'" },
        { n => n["pathways"]![3]!["consultMechanism"]!["zh-CN"] = "服用双甘氨酸镁的女性抽筋更少。", "$.pathways[3].consultMechanism['zh-CN']", "'glycinate'" },
        { n => n["pathways"]![0]!["mechanism"]!["en"] = "Magnesium L-Threonate reaches the brain.", "$.pathways[0].mechanism.en", "'l-threonate'" },
        { n => n["pathways"]![0]!["mechanism"]!["zh-CN"] = "氧化镁更容易引起腹泻。", "$.pathways[0].mechanism['zh-CN']", "suggest no form" },
        { n => n["pathways"]![1]!["consultMechanism"]!["en"] = "Magnesium threonate reaches the brain.", "$.pathways[1].consultMechanism.en", "'l-threonate'" },
    };

    [Theory]
    [MemberData(nameof(FormsNamedWhereAConsultAnswerWouldTellThem))]
    public void AConsultPathwayTextThatNamesAFormIsALoadError(Action<JsonNode> breakIt, string path, string problem) =>
        ABrokenFileIsRejectedWithItsFileAndPath(RuleSetLoader.InsomniaFile, breakIt, path, problem);

    [Theory]
    [InlineData(RuleSetLoader.DoseFile, "$.tiers[4].description.en")]
    [InlineData(RuleSetLoader.GuidanceFile, "$.evidence.consultText.en")]
    public void AnyOtherTextAConsultAnswerTellsMayNotNameAFormEither(string file, string path) =>
        ABrokenFileIsRejectedWithItsFileAndPath(file, n =>
        {
            var text = file == RuleSetLoader.DoseFile ? n["tiers"]![4]!["description"] : n["evidence"]!["consultText"];
            text!["en"] = "Ask about magnesium citrate.";
        }, path, "'citrate'");

    /// <summary>The food-first and trial-population conflicts are stated in every guidance answer, for every age, so they have no ages or trigger, and their own ids.</summary>
    public static TheoryData<Action<JsonNode>, string, string> StandingConflictsStatedOtherwiseThanAlways => new()
    {
        { n => n["evidence"]!["conflict"]!["positions"]![0]!["minAge"] = 18, "$.evidence.conflict.positions[0]", "no minAge or maxAge" },
        { n => n["evidence"]!["conflict"]!["whenRule"] = "above-supplement-ul", "$.evidence.conflict.whenRule", "every guidance answer" },
        { n => n["evidence"]!["conflict"]!["id"] = "food-first-vs-supplements", "$.evidence.conflict.id", "already used" },
        { n => n["evidence"]!["conflict"]!["resolution"]!["en"] = "MagSleep follows the stricter one: at most 350 mg.", "$.evidence.conflict.resolution.en", "no amount" },
        { n => n["evidence"]!["conflict"]!["positions"]![1]!["position"]!["en"] = "The Chinese article cites adults who took magnesium glycinate.", "$.evidence.conflict.positions[1].position.en", "'glycinate'" },
        { n => n["foodSources"]!["conflict"]!["positions"]![0]!["minAge"] = 18, "$.foodSources.conflict.positions[0]", "no minAge or maxAge" },
        { n => n["foodSources"]!["conflict"]!["whenTier"] = "everyday", "$.foodSources.conflict.whenTier", "every guidance answer" },
        { n => n["foodSources"]!["conflict"]!["id"] = "daily-range-capped-at-supplement-upper-limit", "$.foodSources.conflict.id", "already used" },
        { n => n["foodSources"]!["conflict"]!["winner"] = "ODS", "$.foodSources.conflict.winner", "holds none of the positions" },
    };

    [Theory]
    [MemberData(nameof(StandingConflictsStatedOtherwiseThanAlways))]
    public void AStandingConflictThatIsNotStatedAlwaysAndForEveryAgeIsALoadError(Action<JsonNode> breakIt, string path, string problem) =>
        ABrokenFileIsRejectedWithItsFileAndPath(RuleSetLoader.GuidanceFile, breakIt, path, problem);

    [Theory]
    [MemberData(nameof(AmountsWhereAConsultAnswerWouldTellThem))]
    public void AnAmountInATextThatAConsultAnswerTellsIsALoadError(string file, Action<JsonNode> breakIt, string path)
    {
        using var copy = RuleSetFiles.Copy();
        copy.Edit(file, breakIt);
        var error = Assert.Throws<ContentValidationException>(() => RuleSetLoader.Load(copy.Directory));
        Assert.Equal((file, path), (error.File, error.JsonPath));
    }

    [Fact]
    public void AConflictPositionWhoseAgesCutThroughAnUpperLimitBandIsRejected()
    {
        using var copy = RuleSetFiles.Copy();
        copy.Edit(RuleSetLoader.DoseFile, n => n["conflicts"]![0]!["positions"]![2]!["minAge"] = 2);
        var error = Assert.Throws<ContentValidationException>(() => RuleSetLoader.Load(copy.Directory));
        Assert.Equal((RuleSetLoader.DoseFile, "$.conflicts[0].positions[2]"), (error.File, error.JsonPath));
        Assert.Contains("band 1-3", error.Problem);
    }

    /// <summary>Every array of every rules file, in turn, with a null put in front of its first element.</summary>
    public static TheoryData<string, string> EveryArray()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in Directory.GetFiles(RuleSetFiles.Directory, "*.json").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            foreach (var array in Arrays(JsonNode.Parse(File.ReadAllText(path))!))
            {
                data.Add(file, array.GetPath());
            }
        }

        return data;

        static IEnumerable<JsonArray> Arrays(JsonNode node) => node switch
        {
            JsonArray array => array.OfType<JsonNode>().SelectMany(Arrays).Prepend(array),
            JsonObject obj => obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(Arrays),
            _ => [],
        };
    }

    [Theory]
    [MemberData(nameof(EveryArray))]
    public void ANullInsideAnyRulesArrayIsACleanLoadErrorNamingFileAndPath(string file, string arrayPath)
    {
        using var copy = RuleSetFiles.Copy();
        copy.Edit(file, root => Find(root, arrayPath).AsArray().Insert(0, null));
        var error = Assert.Throws<ContentValidationException>(() => RulesEngine.Load(copy.Directory));
        Assert.Equal(file, error.File);
        Assert.StartsWith(NormalisePath(arrayPath), NormalisePath(error.JsonPath));

        static JsonNode Find(JsonNode root, string path) =>
            root.AsObject().Select(p => p.Value).OfType<JsonNode>().Prepend(root).SelectMany(Descendants).First(n => n.GetPath() == path);

        static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
        {
            JsonArray array => array.OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
            JsonObject obj => obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
            _ => [node],
        };

        // The serializer writes a property name with a dash as ['zh-CN'] and the validator the same; paths compare as written.
        static string NormalisePath(string path) => path.Replace("\"", "'", StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void ABrokenFileIsRejectedWithItsFileAndPath(string file, Action<JsonNode> breakIt, string path, string problem)
    {
        using var copy = RuleSetFiles.Copy();
        copy.Edit(file, breakIt);
        var error = Assert.Throws<ContentValidationException>(() => RuleSetLoader.Load(copy.Directory));
        Assert.Equal(file, error.File);
        Assert.Equal(path, error.JsonPath);
        Assert.Contains(problem, error.Problem);
        Assert.DoesNotContain("   at ", error.Message);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        using var copy = RuleSetFiles.Copy();
        File.Delete(copy.PathOf(RuleSetLoader.RisksFile));
        var error = Assert.Throws<ContentValidationException>(() => RuleSetLoader.Load(copy.Directory));
        Assert.Equal((RuleSetLoader.RisksFile, "$"), (error.File, error.JsonPath));
    }

    [Fact]
    public void AnUnexpectedFileIsRejected()
    {
        using var copy = RuleSetFiles.Copy();
        File.WriteAllText(copy.PathOf("tiers.json"), "{}");
        Assert.Equal("tiers.json", Assert.Throws<ContentValidationException>(() => RuleSetLoader.Load(copy.Directory)).File);
    }

    [Fact]
    public void MalformedJsonIsRejectedWithItsLocation()
    {
        using var copy = RuleSetFiles.Copy();
        File.WriteAllText(copy.PathOf(RuleSetLoader.InputsFile), "{ \"sleep\": ");
        var error = Assert.Throws<ContentValidationException>(() => RuleSetLoader.Load(copy.Directory));
        Assert.Equal(RuleSetLoader.InputsFile, error.File);
    }

    [Fact]
    public void APlaceholderInTheWrongTextIsRejectedWhenTheEngineIsBuilt()
    {
        using var copy = RuleSetFiles.Copy();
        copy.Edit(RuleSetLoader.RisksFile, n => n["kidneyImpairment"]!["message"]!["en"] = "Above the limit of {ulMg}.");
        var error = Assert.Throws<ContentValidationException>(() => RulesEngine.Load(copy.Directory));
        Assert.Equal((RuleSetLoader.RisksFile, "$.kidneyImpairment.message"), (error.File, error.JsonPath));
    }
}
