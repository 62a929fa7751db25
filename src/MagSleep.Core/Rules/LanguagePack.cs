using MagSleep.Core.Content;
using static MagSleep.Core.Rules.RuleSetLoader;
using static MagSleep.Core.Rules.Templates;

namespace MagSleep.Core.Rules;

/// <summary>Every text and view of the rule set resolved to one language, built once. Findings are immutable and shared between results.</summary>
internal sealed class LanguagePack
{
    public LanguagePack(CompiledRules compiled, string language)
    {
        var rules = compiled.Rules;
        var insomnia = rules.Insomnia;
        var dose = rules.Dose;
        var risks = rules.Risks;
        var guidance = rules.Guidance;
        string T(LocalizedText text) => text.In(language);

        Language = language;
        Disclaimer = T(rules.Disclaimer);

        // Sleep check
        Criteria = insomnia.Criteria.Select((c, i) => new CriterionTexts(
            T(c.Label),
            new Threshold(
                c.Operator,
                c.Value,
                c.Unit,
                c.OrInput,
                Render(c.ThresholdText, language, InsomniaFile, $"$.criteria[{i}].thresholdText", ("value", c.Value is { } v ? Number(v) : ""))),
            c.Unit is null ? null : new ValueTemplate(T(insomnia.Units.Single(u => u.Id == c.Unit).One)),
            c.Unit is null ? null : new ValueTemplate(T(insomnia.Units.Single(u => u.Id == c.Unit).Many)),
            c.OrInputLabel is null ? null : T(c.OrInputLabel))).ToArray();
        ObservedYes = new Observed(true, null, T(insomnia.Observed.Yes));
        ObservedNo = new Observed(false, null, T(insomnia.Observed.No));
        ObservedSeparator = T(insomnia.Observed.Separator);
        Classifications = Enum.GetValues<Classification>()
            .Select(id => insomnia.Classifications.Single(c => c.Id == id))
            .Select(c => new Statement(KebabName(c.Id), T(c.Summary), c.Sources))
            .ToArray();
        PathwayTexts = insomnia.Pathways.Select(p => (T(p.Name), T(p.Pattern), T(p.Mechanism), T(p.ShortName))).ToArray();
        Pathways = BuildPathways(p => T(p.Mechanism), p => p.SuggestedForms);
        // A case for a clinician names no form either (safety rule 8; the referral says so), nor does an answer with no sleep complaint (rule 9).
        PathwaysWithoutAdvice = BuildPathways(p => T(p.ConsultMechanism ?? p.Mechanism), _ => []);
        TreatCauseFirstNote = Note(insomnia.Notes.TreatCauseFirst);
        ClinicalDefinitionNote = Note(insomnia.Notes.ClinicalDefinition);
        LongStandingNote = new Statement(guidance.LongStanding.RuleId, T(guidance.LongStanding.Message), guidance.LongStanding.Sources);

        // Dose tiers and limits
        Tiers = dose.Tiers.Select(t => new TierView(
            t.Id, T(t.Name), T(t.Description),
            new BoundView(t.Lower.Mg, t.Lower.Inclusive),
            t.Upper is null ? null : new BoundView(t.Upper.Mg, t.Upper.Inclusive),
            t.Severity, t.Sources)).ToArray();
        // Safety rule 8: a case for a clinician is told no amounts, so its tier comes without bounds.
        ConsultTiers = dose.Tiers.Select((t, i) => Tiers[i] with
        {
            Description = t.ConsultDescription is null ? Tiers[i].Description : T(t.ConsultDescription),
            Lower = null,
            Upper = null,
        }).ToArray();
        TierFindings = dose.Tiers.Select((t, i) => t.Severity is { } severity ? new Finding(t.Id, severity, Tiers[i].Description, t.Sources) : null).ToArray();
        ConsultTierFindings = dose.Tiers.Select((t, i) => t.Severity is { } severity && t.ConsultDescription is not null
            ? new Finding(t.Id, severity, ConsultTiers[i].Description, t.Sources)
            : TierFindings[i]).ToArray();
        UpperLimits = dose.UpperLimits.Select(b => new UpperLimitView(b.Mg, b.MinAge, b.MaxAge, b.Sources)).ToArray();
        var ul = risks.AboveSupplementUpperLimit;
        UpperLimitFindings = dose.UpperLimits.Select(b => new Finding(
            ul.RuleId,
            ul.Severity,
            b.Mg is { } mg
                ? Render(ul.Message, language, RisksFile, "$.aboveSupplementUpperLimit.message", ("ulMg", Number(mg)))
                : Render(ul.MessageNoLimit, language, RisksFile, "$.aboveSupplementUpperLimit.messageNoLimit"),
            b.Sources)).ToArray();
        Intake = dose.RecommendedIntake.Select(BuildIntake).ToArray();
        AboveLimitConflicts = ConflictsByTier(ul.RuleId, (_, _) => true);
        TierReachConflicts = ConflictsByTier(ConflictRule.TierReachesAboveUpperLimit, (t, b) => b.Mg is { } mg && (t.Upper?.Mg ?? double.PositiveInfinity) > mg);

        // Risk findings
        KidneyImpairment = Simple(risks.KidneyImpairment, "$.kidneyImpairment.message");
        PregnancyOrBreastfeeding = Simple(risks.PregnancyOrBreastfeeding, "$.pregnancyOrBreastfeeding.message");
        SideEffects = Simple(risks.SideEffects, "$.sideEffects.message");
        Under18 = new Finding(risks.Under18.RuleId, risks.Under18.Severity,
            Render(risks.Under18.Message, language, RisksFile, "$.under18.message", ("adultAge", risks.Under18.AdultAgeYears.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            risks.Under18.Sources);
        var medication = risks.MedicationInteraction;
        // Anyone on medication asks a doctor first (S1), so the spacing between a medicine and magnesium, a how-to,
        // is for the risk-group catalogue only and never reaches a person's answer.
        MedicationFindings = medication.Groups.Select(g => new Finding(
            medication.RuleId, medication.Severity, T(g.Message), g.Sources, new FindingDetails(g.Id))).ToArray();
        MedicationSpacing = medication.Groups.Select((g, i) => Spacing(g.Spacing, $"$.medicationInteraction.groups[{i}].spacing.text")).ToArray();
        var deficiency = risks.DeficiencyRisk;
        DeficiencyFindings = deficiency.Groups.Select(g => new Finding(deficiency.RuleId, deficiency.Severity, T(g.Message), g.Sources, new FindingDetails(g.Id))).ToArray();
        var condition = risks.MedicalCondition;
        ConditionFindings = condition.Conditions.Select(c => new Finding(
            condition.RuleId, condition.Severity,
            Render(condition.Message, language, RisksFile, "$.medicalCondition.message", ("condition", T(c.Name))),
            condition.Sources, new FindingDetails(c.Id))).ToArray();
        // The catalogue describes each condition to nobody in particular, so it is not told "you mentioned".
        ConditionCatalogueMessages = condition.Conditions.Select(c =>
            Render(condition.CatalogueMessage, language, RisksFile, "$.medicalCondition.catalogueMessage", ("condition", T(c.Name)))).ToArray();

        // Guidance
        TreatCauseFirst = new Finding(guidance.TreatCauseFirst.RuleId, guidance.TreatCauseFirst.Severity, TreatCauseFirstNote.Text, guidance.TreatCauseFirst.Sources);
        LongStanding = new Finding(guidance.LongStanding.RuleId, guidance.LongStanding.Severity, LongStandingNote.Text, guidance.LongStanding.Sources);
        var tier = compiled.RangeTier;
        var rangeMin = tier.Lower.Mg;
        DailyRanges = dose.UpperLimits.Select(b =>
        {
            var max = Math.Min(tier.Upper!.Mg, b.Mg ?? 0);
            return b.Mg is null || max < rangeMin
                ? null
                : new DailyRange(rangeMin, max, Render(guidance.DailyRange.Text, language, GuidanceFile, "$.dailyRange.text", ("ulMg", Number(b.Mg.Value))), guidance.DailyRange.Sources);
        }).ToArray();
        RangeConflicts = dose.UpperLimits.Select(b => b.Mg is { } mg && mg < tier.Upper!.Mg
            ? Conflict(guidance.DailyRange.Conflict, GuidanceFile, "$.dailyRange.conflict", b, ("everydayMinMg", Number(tier.Lower.Mg)), ("everydayMaxMg", Number(tier.Upper.Mg)))
            : null).ToArray();
        ReferralReason = T(guidance.Referral.Reason);
        ReferralSources = guidance.Referral.Sources;
        Bring = guidance.Referral.Bring.Select(b => new Statement(b.Id, T(b.Text), b.Sources)).ToArray();
        FormReasonTemplate = T(guidance.FormRanking.ReasonWithPathways);
        ListSeparator = T(guidance.FormRanking.ListSeparator);
        var weeks = guidance.TryForWeeks;
        TryForWeeks = new WeeksRange(weeks.Min, weeks.Max,
            Render(weeks.Text, language, GuidanceFile, "$.tryForWeeks.text", ("min", Number(weeks.Min)), ("max", Number(weeks.Max))), weeks.Sources);
        PairWith = new PairWithView(guidance.PairWith.Id, T(guidance.PairWith.Name), T(guidance.PairWith.Text), guidance.PairWith.Sources);
        LifestyleFirst = guidance.LifestyleFirst.Select(l => new Statement(l.Id, T(l.Text), l.Sources)).ToArray();
        FoodSources = new FoodSourcesView(T(guidance.FoodSources.Text), guidance.FoodSources.Items.Select(f => new NamedItemView(f.Id, T(f.Name))).ToArray(), guidance.FoodSources.Sources);
        // Every plan gives the food advice, so every guidance answer states this disagreement; it is the same for every age.
        FoodFirstConflict = Conflict(guidance.FoodSources.Conflict, GuidanceFile, "$.foodSources.conflict", null)!;
        TrialPopulationConflict = Conflict(guidance.Evidence.Conflict, GuidanceFile, "$.evidence.conflict", null)!;
        var evidence = guidance.Evidence;
        Evidence = new Statement("trial-doses",
            Render(evidence.Text, language, GuidanceFile, "$.evidence.text", ("minMg", Number(evidence.TrialDoseMinMg)), ("maxMg", Number(evidence.TrialDoseMaxMg))), evidence.Sources);
        EvidenceWithoutAmounts = new Statement("trial-population", Render(evidence.ConsultText, language, GuidanceFile, "$.evidence.consultText"), evidence.Sources);

        // Catalogues
        Forms = rules.Forms.Forms.Select(f => new FormView(
            f.Id, T(f.Name), f.Formula, f.Hydration, f.Kind,
            compiled.MolarMasses[f.Id], compiled.ElementalFractions[f.Id],
            f.GentleOnGut, f.Recommendable, T(f.Summary), f.Sources)).ToArray();
        FormsById = Forms.ToDictionary(f => f.Id, StringComparer.Ordinal);
        _recommendations = BuildRecommendations(rules, compiled);
        DoseTierCatalogue = new DoseTierCatalogue(Tiers, UpperLimits, rules.Version);
        RiskGroupCatalogue = new RiskGroupCatalogue(BuildRiskGroups(rules, language), rules.Version);

        Statement Note(NoteRule note) => new(note.Id, T(note.Text), note.Sources);

        Finding Simple(SimpleRule rule, string path) =>
            new(rule.RuleId, rule.Severity, Render(rule.Message, language, RisksFile, path), rule.Sources);

        SpacingView? Spacing(Spacing? spacing, string path) => spacing is null
            ? null
            : new SpacingView(spacing.HoursBefore, spacing.HoursAfterMin, spacing.HoursAfterMax, Render(spacing.Text, language, RisksFile, path,
                ("hoursBefore", Hours(spacing.HoursBefore)), ("hoursAfterMin", Hours(spacing.HoursAfterMin)), ("hoursAfterMax", Hours(spacing.HoursAfterMax))));

        // Only the positions stated for the band's ages; none at all where the winner states none for them. Without a
        // band (a conflict that is not about an upper limit), every position.
        ConflictView? Conflict(ConflictRule rule, string file, string path, UpperLimitBand? band, params (string, string)[] extra)
        {
            bool Stated(ConflictPosition p) => band is null || p.AppliesTo(band);
            if (!rule.Positions.Any(p => p.Source == rule.Winner && Stated(p)))
            {
                return null;
            }

            (string, string)[] values = band?.Mg is { } mg ? [("ulMg", Number(mg)), .. extra] : extra;
            return new ConflictView(
                rule.Id,
                rule.Positions
                    .Select((p, i) => (p, i))
                    .Where(x => Stated(x.p))
                    .Select(x => new ConflictPositionView(x.p.Source, Render(x.p.Position, language, file, $"{path}.positions[{x.i}].position", values)))
                    .ToArray(),
                Render(rule.Resolution, language, file, path + ".resolution", values),
                rule.Winner);
        }

        ConflictView?[][] ConflictsByTier(string whenRule, Func<DoseTier, UpperLimitBand, bool> applies) => dose.Tiers.Select(t =>
        {
            var i = dose.Conflicts.ToList().FindIndex(c => c.WhenTier == t.Id && c.WhenRule == whenRule);
            (string, string)[] bounds = t.Upper is null
                ? [("tierMinMg", Number(t.Lower.Mg))]
                : [("tierMinMg", Number(t.Lower.Mg)), ("tierMaxMg", Number(t.Upper.Mg))];
            return dose.UpperLimits
                .Select(b => i < 0 || !applies(t, b) ? null : Conflict(dose.Conflicts[i], DoseFile, $"$.conflicts[{i}]", b, bounds))
                .ToArray();
        }).ToArray();

        PathwayResult?[][] BuildPathways(Func<PathwayRule, string> mechanism, Func<PathwayRule, IReadOnlyList<string>> forms) => insomnia.Pathways.Select((p, i) =>
        {
            var text = mechanism(p);
            return Enumerable.Range(0, 1 << p.Triggers.Count)
                .Select(mask => mask == 0 ? null : new PathwayResult(p.Id, PathwayTexts[i].Name, PathwayTexts[i].Pattern, text, forms(p),
                    p.Triggers.Where((_, t) => (mask & (1 << t)) != 0).ToArray(), p.Sources))
                .ToArray();
        }).ToArray();

        IntakeLookup BuildIntake(IntakeBand band)
        {
            var options = band.Values.Select(v => new IntakeOptionView(v.Basis, v.Mg)).ToArray();
            RdaView View(IntakeValue? value) => new(value?.Mg, band.Kind, value?.Basis, band.MinAge, band.MaxAge, options, band.Sources);
            return new IntakeLookup(band.Values.ToDictionary(v => v.Basis, View, StringComparer.Ordinal), View(null));
        }
    }

    public string Language { get; }
    public string Disclaimer { get; }
    public CriterionTexts[] Criteria { get; }
    public Observed ObservedYes { get; }
    public Observed ObservedNo { get; }
    public string ObservedSeparator { get; }

    /// <summary>Indexed by <see cref="Classification"/>.</summary>
    public Statement[] Classifications { get; }
    public (string Name, string Pattern, string Mechanism, string ShortName)[] PathwayTexts { get; }
    /// <summary>[pathway][bit mask of the triggers that matched]; index 0 (nothing matched) is null.</summary>
    public PathwayResult?[][] Pathways { get; }

    /// <summary>As <see cref="Pathways"/>, with no forms and the mechanisms told without amounts: for a consult-clinician or no-pattern answer.</summary>
    public PathwayResult?[][] PathwaysWithoutAdvice { get; }
    public Statement TreatCauseFirstNote { get; }
    public Statement ClinicalDefinitionNote { get; }

    /// <summary>The long-standing finding's text, told in an assessment's notes as well, since a check of sleep alone has no findings.</summary>
    public Statement LongStandingNote { get; }

    public TierView[] Tiers { get; }
    public Finding?[] TierFindings { get; }

    /// <summary>As <see cref="Tiers"/> and <see cref="TierFindings"/>, with the descriptions told for a consult-clinician answer.</summary>
    public TierView[] ConsultTiers { get; }
    public Finding?[] ConsultTierFindings { get; }

    /// <summary>Indexed by upper-limit band, like the other per-band arrays.</summary>
    public UpperLimitView[] UpperLimits { get; }
    public Finding[] UpperLimitFindings { get; }
    public IntakeLookup[] Intake { get; }

    /// <summary>[tier][upper-limit band]: the disagreement stated when an amount in the tier is above the band's limit.</summary>
    public ConflictView?[][] AboveLimitConflicts { get; }

    /// <summary>[tier][upper-limit band]: the one stated when the amount is within the limit but the tier shown reaches above it.</summary>
    public ConflictView?[][] TierReachConflicts { get; }

    public Finding KidneyImpairment { get; }
    public Finding PregnancyOrBreastfeeding { get; }
    public Finding SideEffects { get; }
    public Finding Under18 { get; }
    public Finding[] MedicationFindings { get; }
    private SpacingView?[] MedicationSpacing { get; }
    public Finding[] DeficiencyFindings { get; }
    public Finding[] ConditionFindings { get; }
    private string[] ConditionCatalogueMessages { get; }

    public Finding TreatCauseFirst { get; }
    public Finding LongStanding { get; }
    public DailyRange?[] DailyRanges { get; }
    public ConflictView?[] RangeConflicts { get; }
    public string ReferralReason { get; }
    public IReadOnlyList<string> ReferralSources { get; }
    public Statement[] Bring { get; }
    public string FormReasonTemplate { get; }
    public string ListSeparator { get; }
    public WeeksRange TryForWeeks { get; }
    public PairWithView PairWith { get; }
    public Statement[] LifestyleFirst { get; }
    public FoodSourcesView FoodSources { get; }

    /// <summary>Food first (S1) against supplements (S2): stated in every guidance answer.</summary>
    public ConflictView FoodFirstConflict { get; }

    /// <summary>Older adults only (S1) against adults (S2): stated in every guidance answer, since every plan tells the evidence.</summary>
    public ConflictView TrialPopulationConflict { get; }

    public Statement Evidence { get; }
    public Statement EvidenceWithoutAmounts { get; }

    public FormView[] Forms { get; }
    public IReadOnlyDictionary<string, FormView> FormsById { get; }
    public DoseTierCatalogue DoseTierCatalogue { get; }
    public RiskGroupCatalogue RiskGroupCatalogue { get; }

    /// <summary>[form][bit mask of the matched pathways that suggest it]: every combination is built up front, nothing per request.</summary>
    private readonly RecommendedForm?[][] _recommendations;

    public RecommendedForm Recommendation(int form, int pathwayMask) => _recommendations[form][pathwayMask]!;

    private RecommendedForm?[][] BuildRecommendations(RuleSet rules, CompiledRules compiled)
    {
        var pathwayCount = rules.Insomnia.Pathways.Count;
        var suggestedBy = new int[Forms.Length];
        for (var p = 0; p < pathwayCount; p++)
        {
            foreach (var form in compiled.PathwayFormIndex[p])
            {
                suggestedBy[form] |= 1 << p;
            }
        }

        return Forms.Select((view, form) => Enumerable.Range(0, 1 << pathwayCount).Select(mask =>
        {
            if ((mask & ~suggestedBy[form]) != 0)
            {
                return null;
            }

            if (mask == 0)
            {
                return new RecommendedForm(view.Id, view.Name, view.Summary, [], view.Sources);
            }

            var pathways = Enumerable.Range(0, pathwayCount).Where(p => (mask & (1 << p)) != 0).ToArray();
            var names = string.Join(ListSeparator, pathways.Select(p => PathwayTexts[p].ShortName));
            var reason = Fill(FormReasonTemplate, ("pathways", names), ("summary", view.Summary));
            var sources = view.Sources.Concat(pathways.SelectMany(p => rules.Insomnia.Pathways[p].Sources)).Distinct().ToArray();
            return new RecommendedForm(view.Id, view.Name, reason, [.. pathways.Select(p => rules.Insomnia.Pathways[p].Id)], sources);
        }).ToArray()).ToArray();
    }

    public static string KebabName<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static string Hours(int? hours) => hours is { } h ? Number(h) : "";

    private RiskGroupView[] BuildRiskGroups(RuleSet rules, string language)
    {
        var risks = rules.Risks;
        string T(LocalizedText text) => text.In(language);
        RiskGroupView Single(Finding finding) => new(finding.RuleId, finding.Severity, finding.Message, finding.Sources, []);
        var ul = risks.AboveSupplementUpperLimit;
        var bands = rules.Dose.UpperLimits;
        string BandName(UpperLimitBand band) => band.MaxAge == 0
            ? Render(ul.BandNames.Infants, language, RisksFile, "$.aboveSupplementUpperLimit.bandNames.infants")
            : band.MaxAge >= rules.Inputs.Dose.Age.Max
                ? Render(ul.BandNames.From, language, RisksFile, "$.aboveSupplementUpperLimit.bandNames.from", ("min", Number(band.MinAge)))
                : Render(ul.BandNames.Range, language, RisksFile, "$.aboveSupplementUpperLimit.bandNames.range", ("min", Number(band.MinAge)), ("max", Number(band.MaxAge)));
        return
        [
            // One member per age band, each with its own figure and the sources that set it (rule 10).
            new(ul.RuleId, ul.Severity, null, bands.SelectMany(b => b.Sources).Distinct().ToArray(),
                bands.Select((b, i) => new RiskGroupMemberView($"ages-{b.MinAge}-{b.MaxAge}", BandName(b), UpperLimitFindings[i].Message, b.Sources, MinAgeYears: b.MinAge)).ToArray()),
            Single(KidneyImpairment),
            Single(PregnancyOrBreastfeeding),
            Single(Under18),
            new(risks.MedicationInteraction.RuleId, risks.MedicationInteraction.Severity, null,
                risks.MedicationInteraction.Groups.SelectMany(g => g.Sources).Distinct().ToArray(),
                risks.MedicationInteraction.Groups.Select((g, i) => new RiskGroupMemberView(g.Id, T(g.Name), MedicationFindings[i].Message, g.Sources, MedicationSpacing[i])).ToArray()),
            new(risks.DeficiencyRisk.RuleId, risks.DeficiencyRisk.Severity, null,
                risks.DeficiencyRisk.Groups.SelectMany(g => g.Sources).Distinct().ToArray(),
                risks.DeficiencyRisk.Groups.Select(g => new RiskGroupMemberView(g.Id, T(g.Name), T(g.Message), g.Sources, null, g.MinAgeYears, g.Rationale is null ? null : T(g.Rationale))).ToArray()),
            new(risks.MedicalCondition.RuleId, risks.MedicalCondition.Severity, null, risks.MedicalCondition.Sources,
                risks.MedicalCondition.Conditions.Select((c, i) => new RiskGroupMemberView(c.Id, T(c.Name), ConditionCatalogueMessages[i], risks.MedicalCondition.Sources)).ToArray()),
            Single(SideEffects),
        ];
    }
}

internal sealed record CriterionTexts(string Label, Threshold Threshold, ValueTemplate? UnitOne, ValueTemplate? UnitMany, string? OrInputLabel);

/// <summary>The intake views of one age band, by basis (male, female, pregnancy, lactation, all …).</summary>
internal sealed record IntakeLookup(IReadOnlyDictionary<string, RdaView> ByBasis, RdaView Unknown);
