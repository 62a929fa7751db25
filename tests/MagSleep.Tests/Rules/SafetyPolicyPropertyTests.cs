using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using MagSleep.Core.Rules;
using static MagSleep.Tests.Rules.RuleInputs;

namespace MagSleep.Tests.Rules;

/// <summary>
/// Safety rules 1-10 of the product brief on every answer of the three operations (assessment, dose check,
/// guidance), over thousands of generated requests per property in both languages. Rule 11 is the web layer's.
/// </summary>
public sealed partial class SafetyPolicyPropertyTests
{
    private static readonly RulesEngine Engine = RuleSetFiles.Engine;
    private static readonly Config Thorough = Config.QuickThrowOnFailure.WithMaxTest(3000);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private const string UpperLimitRule = "above-supplement-ul";

    /// <summary>The conflicts about the upper limit: dose.json's, and the daily range capped at the limit.</summary>
    private static readonly HashSet<string> LimitConflicts =
        [.. Engine.Rules.Dose.Conflicts.Select(c => c.Id), Engine.Rules.Guidance.DailyRange.Conflict.Id];

    /// <summary>The conflicts every guidance answer states: food first, and whom the evidence covers.</summary>
    private static readonly ConflictRule[] Standing = [Engine.Rules.Guidance.FoodSources.Conflict, Engine.Rules.Guidance.Evidence.Conflict];

    /// <summary>Tiers in which S2 calls the amount fine: above the limit for the age, the disagreement is stated.</summary>
    private static readonly HashSet<string> TiersS2CallsFine = ["below-common-range", "everyday", "high"];

    // Sleep answers that reach every classification often: half the time no night-time symptom at all.
    private static readonly Gen<SleepAnswers> AnySleep =
        from quiet in Gen.Elements(false, true)
        from onset in quiet ? Gen.Choose(0, 30) : Gen.Choose(0, 720)
        from wakings in quiet ? Gen.Choose(0, 1) : Gen.Choose(0, 30)
        from nights in Gen.Choose(0, 7)
        from days in Gen.Frequency((3, Gen.Choose(0, 400)), (1, Gen.Choose(0, 36500)))
        from flags in Gen.ArrayOf(Gen.Elements(false, true), 3)
        from optional in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant<bool?>(null)), (2, Gen.Constant<bool?>(false)), (1, Gen.Constant<bool?>(true))), 7)
        select new SleepAnswers(onset, wakings, nights, days, !quiet && flags[0], !quiet && flags[1], flags[2],
            optional[0], optional[1], optional[2], optional[3], optional[4], optional[5], optional[6]);

    // People of every age, children often, with every risk now and then; no risk at all a third of the time.
    private static readonly Gen<PersonProfile> AnyProfile =
        from age in Gen.Frequency((2, Gen.Choose(0, 17)), (3, Gen.Choose(18, 120)))
        from plain in Gen.Frequency((1, Gen.Constant(true)), (2, Gen.Constant(false)))
        from profile in ProfileGen
        select plain ? new PersonProfile(age, profile.Sex, Medications: [], Conditions: []) : profile with { Age = age };

    // Amounts near every child and adult limit as well as across the whole allowed range.
    private static readonly Gen<DoseAmount> AnyDose = Gen.Frequency(
        (2, DoseGen),
        (1, Gen.Choose(1, 400_000).Select(micrograms => new DoseAmount(micrograms / 1000.0))),
        (1, Gen.Elements(1, 64, 65, 65.001, 66, 109, 110, 110.001, 111, 199, 200, 349, 350, 350.001, 351, 400, 401, 600, 700, 800, 801).Select(mg => new DoseAmount(mg))));

    private static readonly Gen<DoseAmount?> MaybeDose = Gen.Frequency((1, Gen.Constant<DoseAmount?>(null)), (2, AnyDose.Select(d => (DoseAmount?)d)));

    [Fact]
    public void EveryDoseCheckKeepsTheSafetyPolicy()
    {
        var requests = (from profile in AnyProfile from dose in AnyDose from language in LanguageGen select (profile, dose, language)).ToArbitrary();
        Check.One(Thorough, Prop.ForAll(requests, request =>
        {
            var (profile, dose, language) = request;
            var result = Engine.CheckDose(profile, dose, language);
            var why = $"age {profile.Age}, {dose}, {language}";

            Assert.Equal(Engine.Version, result.RuleSetVersion);
            Assert.True(result.ElementalMg > 0 && result.ElementalMg <= dose.AmountMg);
            if (UpperLimitFor(profile.Age) is { } limit)
            {
                Assert.Equal(result.ElementalMg > limit, result.AboveSupplementUpperLimit);
            }

            // Rule 8: a consult-clinician answer tells the limit only in the finding that explains it.
            Assert.True((result.Verdict == Verdict.ConsultClinician) == (result.SupplementUpperLimit is null), $"{result.Verdict} with limit {result.SupplementUpperLimit}: {why}");

            if (result.AboveSupplementUpperLimit || profile.Age < 18 || profile.Pregnant || profile.Breastfeeding || profile.KidneyDisease
                || profile.Medications!.Count > 0 || profile.Conditions!.Count > 0 || result.ElementalMg > 800)
            {
                Assert.True(result.Verdict == Verdict.ConsultClinician, $"{result.Verdict} where the sources say to ask a doctor first: {why}");
            }

            StrictestFindingDecides(result.Verdict, result.Findings, why);
            ConflictsSayHowTheyWereResolved(result.Conflicts, why);
            EveryStatementIsSourced(result.Findings, result.Disclaimer, language);
            FiguresAreCreditedToTheirSource(profile.Age, result.Findings, result.Conflicts, result.SupplementUpperLimit?.Sources, why);
            if (result.AboveSupplementUpperLimit && TiersS2CallsFine.Contains(result.Tier.Id))
            {
                Assert.True(result.Conflicts.Count > 0, $"above the limit in a tier S2 calls fine, but no conflict: {why}");
            }

            // Rules 2 and 10: a tier shown reaching above the limit shown beside it comes with the disagreement.
            if (result.Tier.Lower is not null && result.SupplementUpperLimit?.Mg is { } shownLimit
                && (result.Tier.Upper?.Mg ?? double.PositiveInfinity) > shownLimit)
            {
                Assert.True(result.Conflicts.Any(c => c.Winner == "ODS" && c.Positions.Any(p => p.Source == "S2")),
                    $"tier {result.Tier.Id} shown up to {result.Tier.Upper?.Mg} beside a limit of {shownLimit}, but no conflict: {why}");
            }

            // Rule 8: says why, and what to bring.
            SaysWhyAndWhatToBring(result.Verdict, result.ClinicianReferral, result.Findings);

            var json = JsonSerializer.SerializeToNode(result, Web)!;
            NothingContradictsTheVerdict(result.Verdict, json, why);
            if (result.Verdict == Verdict.ConsultClinician)
            {
                NamesNoAmountTrialPeriodOrTip(json, UpperLimitFor(profile.Age), why);
            }
        }));
    }

    [Fact]
    public void EveryGuidanceAnswerKeepsTheSafetyPolicy()
    {
        var requests = (from sleep in AnySleep from profile in AnyProfile from dose in MaybeDose from language in LanguageGen select (sleep, profile, dose, language)).ToArbitrary();
        Check.One(Thorough, Prop.ForAll(requests, request =>
        {
            var (sleep, profile, dose, language) = request;
            var result = Engine.Guide(sleep, profile, dose, language);
            var safety = result.Safety;
            var plan = result.Plan;
            var why = $"{sleep}, {profile with { Medications = null, Conditions = null }}, {dose}, {language}";
            var limit = UpperLimitFor(profile.Age);

            Assert.Equal(Engine.Version, result.RuleSetVersion);
            Assert.Equal(Engine.Version, result.Assessment.RuleSetVersion);
            StrictestFindingDecides(safety.Verdict, safety.Findings, why);
            ConflictsSayHowTheyWereResolved(safety.Conflicts, why);
            EveryStatementIsSourced(safety.Findings, result.Disclaimer, language);
            Assert.Equal(result.Disclaimer, result.Assessment.Disclaimer);
            Assert.All(plan.RecommendedForms, f => Assert.NotEmpty(f.Sources));
            Assert.All(plan.LifestyleFirst, s => Assert.NotEmpty(s.Sources));
            Assert.All(result.Assessment.Pathways, p => Assert.NotEmpty(p.Sources));
            Assert.All(result.Assessment.Notes, n => Assert.NotEmpty(n.Sources));
            Assert.True(plan.TryForWeeks is null || plan.TryForWeeks.Sources.Count > 0);
            Assert.True(plan.PairWith is null || plan.PairWith.Sources.Count > 0);
            Assert.NotEmpty(plan.FoodSources.Sources);
            Assert.NotEmpty(plan.Evidence.Sources);
            FiguresAreCreditedToTheirSource(profile.Age, safety.Findings, safety.Conflicts, null, why);
            StatesTheStandingConflicts(safety.Conflicts, language, why);

            // Rule 7: sleeplessness put down to a medicine, pain or illness is a case for a clinician.
            if (sleep.MedicationSideEffects == true || sleep.PainOrIllness == true)
            {
                Assert.True(safety.Verdict == Verdict.ConsultClinician, $"cause reported but {safety.Verdict}: {why}");
            }

            // Rule 3, and rule 8's "says why and what to bring".
            if (safety.Verdict == Verdict.ConsultClinician)
            {
                Assert.Null(plan.DailyRangeMg);
                Assert.Empty(plan.RecommendedForms);
            }

            SaysWhyAndWhatToBring(safety.Verdict, plan.ClinicianReferral, safety.Findings);

            // Rule 9: no sleep complaint, no supplement advice; lifestyle and food advice for everyone.
            if (result.Assessment.Classification == Classification.NoPattern)
            {
                Assert.Null(plan.DailyRangeMg);
                Assert.Empty(plan.RecommendedForms);
                Assert.All(result.Assessment.Pathways, p => Assert.Empty(p.SuggestedForms));
                Assert.Null(plan.TryForWeeks);
                Assert.Null(plan.PairWith);
            }

            Assert.NotEmpty(plan.LifestyleFirst);
            Assert.NotEmpty(plan.FoodSources.Items);

            // Rule 4: a suggested range never goes above the upper limit for the age.
            if (plan.DailyRangeMg is { } range)
            {
                Assert.NotNull(limit);
                Assert.True(range.Min <= range.Max && range.Max <= limit, $"range {range.Min}-{range.Max} against the limit {limit}: {why}");
                Assert.True(range.Max <= 350 && profile.Age >= 18, $"a range for age {profile.Age} up to {range.Max}: {why}");
                Assert.NotEmpty(range.Sources);
                Assert.Contains(range.Max.ToString(System.Globalization.CultureInfo.InvariantCulture) + " mg", range.Text);
            }

            // Kidneys that cannot clear magnesium must never be told how to absorb more.
            if (profile.KidneyDisease)
            {
                Assert.Null(plan.PairWith);
            }

            var json = JsonSerializer.SerializeToNode(result, Web)!;
            NothingContradictsTheVerdict(safety.Verdict, json, why);
            if (safety.Verdict == Verdict.ConsultClinician)
            {
                NamesNoAmountTrialPeriodOrTip(json, limit, why);
            }
        }));
    }

    [Fact]
    public void EveryAssessmentKeepsTheSafetyPolicy()
    {
        Check.One(Thorough, Prop.ForAll((from sleep in AnySleep from language in LanguageGen select (sleep, language)).ToArbitrary(), request =>
        {
            var (sleep, language) = request;
            var result = Engine.Assess(sleep, language);
            var why = $"{sleep}, {language}";
            Assert.InRange(result.Score, 0, 4);
            Assert.Equal(result.Classification == Classification.InsomniaPattern, result.MeetsCriteria);
            Assert.Equal(6, result.Criteria.Count);
            Assert.Equal(Engine.Version, result.RuleSetVersion);
            Assert.NotEmpty(result.Summary.Sources);
            Assert.All(result.Pathways, p => Assert.NotEmpty(p.Sources));
            Assert.All(result.Notes, n => Assert.NotEmpty(n.Sources));
            Assert.All(result.Criteria, c => Assert.False(string.IsNullOrWhiteSpace(c.Source)));
            Assert.Contains(language == "en" ? "not a diagnosis" : "不构成诊断", result.Disclaimer);

            // Rule 9: trouble on no night, or for no time, is no sleep complaint.
            if (sleep.NightsPerWeek == 0 || sleep.DurationDays == 0)
            {
                Assert.True(result.Classification == Classification.NoPattern, $"{result.Classification} with no night or no time of trouble: {why}");
            }

            // Rule 9, and rule 10's "never contradicts": with no sleep complaint, no pathway suggests a form.
            if (result.Classification == Classification.NoPattern)
            {
                Assert.All(result.Pathways, p => Assert.Empty(p.SuggestedForms));
            }

            // Rules 7 and 8: a cause for the clinician to treat first, so the answer names no amount or trial period.
            if (sleep.MedicationSideEffects == true || sleep.PainOrIllness == true)
            {
                Assert.Contains(result.Notes, n => n.Id == "treat-cause-first");
                NamesNoAmountTrialPeriodOrTip(JsonSerializer.SerializeToNode(result, Web)!, null, why);
            }
        }));
    }

    [Fact]
    public void TheEngineCannotLogAPersonsAnswers() =>
        Assert.DoesNotContain(typeof(RulesEngine).Assembly.GetReferencedAssemblies(), a => a.Name!.Contains("Logging", StringComparison.Ordinal));

    private static double? UpperLimitFor(int age) => Engine.Rules.Dose.UpperLimits.Single(b => b.MinAge <= age && age <= b.MaxAge).Mg;

    private static void SaysWhyAndWhatToBring(Verdict verdict, ClinicianReferral? referral, IReadOnlyList<Finding> findings)
    {
        if (verdict != Verdict.ConsultClinician)
        {
            Assert.Null(referral);
            return;
        }

        Assert.NotNull(referral);
        Assert.False(string.IsNullOrWhiteSpace(referral.Reason));
        Assert.NotEmpty(referral.RuleIds);
        Assert.All(referral.RuleIds, id => Assert.Contains(findings, f => f.RuleId == id && f.Severity == Severity.ConsultClinician));
        Assert.Contains(referral.Bring, b => b.Id == "medicine-list");
        Assert.Contains(referral.Bring, b => b.Id == "product-label");
        Assert.Contains(referral.Bring, b => b.Id == "sleep-pattern");
    }

    /// <summary>Rule 1.</summary>
    private static void StrictestFindingDecides(Verdict verdict, IReadOnlyList<Finding> findings, string why)
    {
        Assert.NotEmpty(findings);
        Assert.True(RulesEngine.Strictest(findings) == verdict, $"verdict {verdict} is not the strictest finding: {why}");
    }

    /// <summary>Rule 2.</summary>
    private static void ConflictsSayHowTheyWereResolved(IReadOnlyList<ConflictView> conflicts, string why) =>
        Assert.All(conflicts, c =>
        {
            Assert.True(c.Positions.Count >= 2, $"{c.Id} has one position: {why}");
            Assert.Contains(c.Positions, p => p.Source == c.Winner);
            Assert.Equal(c.Positions.Count, c.Positions.Select(p => p.Source).Distinct().Count());
            Assert.False(string.IsNullOrWhiteSpace(c.Resolution));
        });

    /// <summary>Rule 5.</summary>
    private static void EveryStatementIsSourced(IReadOnlyList<Finding> findings, string disclaimer, string language)
    {
        Assert.All(findings, f => Assert.NotEmpty(f.Sources));
        Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
        Assert.Contains(language == "en" ? "not a diagnosis" : "不构成诊断", disclaimer);
    }

    /// <summary>
    /// Rule 2 for the food advice and the evidence every plan gives: the answer says, in its own language, that S1
    /// (food first; studies in older adults only) and S2 (supplements; studies in adults) disagree and that S1 was followed.
    /// </summary>
    private static void StatesTheStandingConflicts(IReadOnlyList<ConflictView> conflicts, string language, string why)
    {
        foreach (var rule in Standing)
        {
            var conflict = Assert.Single(conflicts, c => c.Id == rule.Id);
            Assert.Equal("S1", conflict.Winner);
            Assert.Equal(["S1", "S2"], conflict.Positions.Select(p => p.Source));
            Assert.Equal(rule.Positions.Select(p => p.Position.In(language)), conflict.Positions.Select(p => p.Position));
            Assert.Equal(rule.Resolution.In(language), conflict.Resolution);
            Assert.All(conflict.Positions, p => Assert.True(SourceNames.Opens(p.Source, p.Position), $"{p.Source}: {p.Position} ({why})"));
            var chinese = language == "zh-CN";
            Assert.All(conflict.Positions.Select(p => p.Position).Append(conflict.Resolution),
                text => Assert.True(HanCharacter().IsMatch(text) == chinese, $"\"{text}\" is not in {language}: {why}"));
        }

        // Every conflict a guidance answer states is about the upper limit or one of these.
        Assert.All(conflicts, c => Assert.True(Standing.Any(s => s.Id == c.Id) || LimitConflicts.Contains(c.Id), $"unexpected conflict {c.Id}: {why}"));
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanCharacter();

    /// <summary>Rule 10: S1 gives only the adult limit; a child's limit is ODS's, and every conflict about it says so.</summary>
    private static void FiguresAreCreditedToTheirSource(int age, IReadOnlyList<Finding> findings, IReadOnlyList<ConflictView> conflicts, IReadOnlyList<string>? limitSources, string why)
    {
        var child = age < 18;
        foreach (var finding in findings.Where(f => f.RuleId == UpperLimitRule))
        {
            Assert.Contains("ODS", finding.Sources);
            Assert.True(!child || !finding.Sources.Contains("S1"), $"a child's limit credited to S1: {why}");
        }

        if (limitSources is not null)
        {
            Assert.Equal(child ? ["ODS"] : ["ODS", "S1"], limitSources);
        }

        foreach (var conflict in conflicts)
        {
            foreach (var position in conflict.Positions)
            {
                Assert.True(SourceNames.Opens(position.Source, position.Position), $"{position.Source}: {position.Position}");
            }

            // The limit conflicts: ODS sets every age's limit; S1 gives only the adult one.
            if (!LimitConflicts.Contains(conflict.Id))
            {
                continue;
            }

            var ods = Assert.Single(conflict.Positions, p => p.Source == "ODS");
            Assert.True(SourceNames.Opens("ODS", ods.Position), ods.Position);
            Assert.True(child != conflict.Positions.Any(p => p.Source == "S1"), $"{conflict.Id}: S1 named {(child ? "for a child" : "not named for an adult")}: {why}");
        }
    }

    /// <summary>Rule 10's "a statement never contradicts another": nothing reassures where a clinician is needed.</summary>
    private static void NothingContradictsTheVerdict(Verdict verdict, JsonNode answer, string why)
    {
        if (verdict != Verdict.ConsultClinician)
        {
            return;
        }

        foreach (var (path, text) in Strings(answer, "$"))
        {
            Assert.False(Reassurance().IsMatch(text), $"{path} reassures in a consult-clinician answer: \"{text}\" ({why})");
        }
    }

    /// <summary>
    /// Rule 8: outside the finding that explains the upper limit, no string states an amount, a number
    /// of weeks or a tip for taking or absorbing magnesium; that finding states the limit for the age only.
    /// </summary>
    private static void NamesNoAmountTrialPeriodOrTip(JsonNode answer, double? limit, string why)
    {
        foreach (var (path, text) in Strings(answer, "$"))
        {
            var explainsTheLimit = ExplainsTheLimit(answer, path);
            foreach (Match amount in Amount().Matches(text))
            {
                var figure = double.Parse(amount.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(explainsTheLimit && figure == limit, $"{path} names an amount in a consult-clinician answer: \"{text}\" ({why})");
            }

            Assert.False(Weeks().IsMatch(text), $"{path} names a trial period in a consult-clinician answer: \"{text}\" ({why})");
            Assert.False(Tip().IsMatch(text), $"{path} gives a tip for taking magnesium in a consult-clinician answer: \"{text}\" ({why})");
            Assert.False(Timing().IsMatch(text), $"{path} says when to take magnesium in a consult-clinician answer: \"{text}\" ({why})");
        }

        // Nor in figures: the only magnesium amounts are the person's own; and no form is suggested.
        foreach (var (path, value) in Leaves(answer, "$"))
        {
            Assert.False(SuggestedForm().IsMatch(path), $"{path} names a form in a consult-clinician answer: {value} ({why})");
            if (value.GetValueKind() == JsonValueKind.Number && MagnesiumAmount().IsMatch(path))
            {
                Assert.True(OwnAmounts.Contains(path), $"{path} names an amount in a consult-clinician answer: {value} ({why})");
            }
        }
    }

    private static readonly HashSet<string> OwnAmounts = ["$.amountMg", "$.elementalMg", "$.safety.dose.elementalMg"];

    private static IEnumerable<(string Path, JsonValue Value)> Leaves(JsonNode? node, string path) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Leaves(p.Value, $"{path}.{p.Key}")),
        JsonArray array => array.SelectMany((item, i) => Leaves(item, $"{path}[{i}]")),
        JsonValue value => [(path, value)],
        _ => [],
    };

    /// <summary>A figure in milligrams: a property named mg, or one ending in Mg, anywhere on its path.</summary>
    [GeneratedRegex(@"\.(?:mg|[a-z]\w*Mg)(?:[.\[]|$)")]
    private static partial Regex MagnesiumAmount();

    [GeneratedRegex(@"[fF]orms\[\d+\]")]
    private static partial Regex SuggestedForm();

    private static bool ExplainsTheLimit(JsonNode answer, string path)
    {
        var finding = FindingPath().Match(path);
        return finding.Success && (string?)Resolve(answer, finding.Value)?["ruleId"] == UpperLimitRule;
    }

    private static JsonNode? Resolve(JsonNode root, string path)
    {
        var node = root;
        foreach (Match step in PathStep().Matches(path))
        {
            node = step.Groups["name"].Success ? node?[step.Groups["name"].Value] : node?[int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture)];
        }

        return node;
    }

    private static IEnumerable<(string Path, string Text)> Strings(JsonNode? node, string path) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value, $"{path}.{p.Key}")),
        JsonArray array => array.SelectMany((item, i) => Strings(item, $"{path}[{i}]")),
        JsonValue value when value.TryGetValue<string>(out var text) => [(path, text)],
        _ => [],
    };

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)\s*(?:[–～\-]\s*\d+(?:\.\d+)?\s*)?(?:mg\b|毫克|milligram)", RegexOptions.IgnoreCase)]
    private static partial Regex Amount();

    [GeneratedRegex(@"\d\s*(?:[–～\-]\s*\d+\s*)?(?:weeks?\b|周)|[一二两三四五六七八九十]\s*周|\b(?:one|two|three|four|a few)\s+(?:or\s+\w+\s+)?weeks?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Weeks();

    [GeneratedRegex(@"vitamin\s*d|维生素\s*d|\bsplit|分几次|分次|give it|\ballow\b|坚持|pair (?:it|with)|搭配", RegexOptions.IgnoreCase)]
    private static partial Regex Tip();

    [GeneratedRegex(@"hours?\s+(?:before|after|apart)|服镁[前后]|间隔\s*\S{0,4}\s*小时", RegexOptions.IgnoreCase)]
    private static partial Regex Timing();

    [GeneratedRegex(@"no safety concern|不构成安全问题|safe and effective|安全又有效|对你是安全的|safe for most people|对大多数人是安全的|fairly safe|比较安全")]
    private static partial Regex Reassurance();

    [GeneratedRegex(@"^\$(?:\.safety)?\.findings\[\d+\]")]
    private static partial Regex FindingPath();

    [GeneratedRegex(@"\.(?<name>[A-Za-z]+)|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();
}
