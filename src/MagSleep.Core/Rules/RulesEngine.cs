using System.Collections.ObjectModel;
using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>
/// Evaluates the rule set: sleep assessment, dose check, guidance plan and the catalogues. Thread-safe and
/// allocation-light: everything that does not depend on the request is resolved per language when it is built.
/// </summary>
public sealed class RulesEngine
{
    private readonly CompiledRules _compiled;
    private readonly Dictionary<string, LanguagePack> _packs;
    private readonly LanguagePack _default;

    /// <exception cref="ContentValidationException">The rule set has a text whose placeholder does not fit where it is used.</exception>
    internal RulesEngine(RuleSet rules)
    {
        _compiled = new CompiledRules(rules);
        Languages = new Languages(rules.Languages, rules.DefaultLanguage, RuleSetLoader.ManifestFile);
        _packs = Languages.Tags.ToDictionary(language => language, language => new LanguagePack(_compiled, language), StringComparer.Ordinal);
        _default = _packs[Languages.Default];
        FormIds = new ReadOnlySet<string>(rules.Forms.Forms.Select(f => f.Id).ToHashSet(StringComparer.Ordinal));
        MedicationIds = new ReadOnlySet<string>(rules.Risks.MedicationInteraction.Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal));
        ConditionIds = new ReadOnlySet<string>(rules.Risks.MedicalCondition.Conditions.Select(c => c.Id).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Loads, validates and compiles content/rules.</summary>
    /// <exception cref="ContentValidationException">A file is missing, malformed or inconsistent.</exception>
    public static RulesEngine Load(string rulesDirectory, ContentReads? reads = null) => new(RuleSetLoader.Load(rulesDirectory, reads));

    /// <summary>The whole rule set as data (GET /rules).</summary>
    public RuleSet Rules => _compiled.Rules;

    public string Version => _compiled.Rules.Version;

    /// <summary>The languages the content is served in, as ruleset.json declares them.</summary>
    public Languages Languages { get; }

    /// <summary>Allowed values of <see cref="DoseAmount.Form"/>, <see cref="PersonProfile.Medications"/> and <see cref="PersonProfile.Conditions"/>.</summary>
    public IReadOnlySet<string> FormIds { get; }
    public IReadOnlySet<string> MedicationIds { get; }
    public IReadOnlySet<string> ConditionIds { get; }

    /// <summary>Request ranges for the web layer's validators.</summary>
    public InputLimits Inputs => _compiled.Rules.Inputs;

    // Catalogues (GET /magnesium/forms, /magnesium/forms/{id}, /magnesium/dose-tiers, /magnesium/risk-groups)

    public IReadOnlyList<FormView> Forms(string language) => Pack(language).Forms;

    public FormView? Form(string id, string language) => Pack(language).FormsById.GetValueOrDefault(id);

    public DoseTierCatalogue DoseTiers(string language) => Pack(language).DoseTierCatalogue;

    public RiskGroupCatalogue RiskGroups(string language) => Pack(language).RiskGroupCatalogue;

    /// <summary>
    /// POST /insomnia/assessments. Sleeplessness put down to pain, illness or a medicine is a case for a clinician
    /// (safety rule 7), so then the pathways are told without amounts or trial lengths (rule 8); with no sleep
    /// complaint they suggest no form either (rule 9).
    /// </summary>
    public AssessmentResult Assess(SleepAnswers answers, string language)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var consult = CauseReported(answers) && _compiled.Rules.Guidance.TreatCauseFirst.Severity == Severity.ConsultClinician;
        return Assess(answers, Pack(language), consult);
    }

    private AssessmentResult Assess(SleepAnswers answers, LanguagePack pack, bool consult)
    {
        var criteria = _compiled.Criteria;
        var results = new CriterionResult[criteria.Length];
        bool nightSymptom = false, frequent = true, lasting = true, complaintReported = true;
        var score = 0;
        for (var i = 0; i < criteria.Length; i++)
        {
            var criterion = criteria[i];
            var texts = pack.Criteria[i];
            bool met;
            Observed observed;
            if (criterion.Number is { } read)
            {
                var value = read(answers);
                var alternative = criterion.OrFlag?.Invoke(answers) ?? false;
                met = criterion.Compare(value) || alternative;
                var unit = value == 1 ? texts.UnitOne! : texts.UnitMany!;
                var text = alternative ? unit.Fill(value, pack.ObservedSeparator, texts.OrInputLabel) : unit.Fill(value);
                observed = new Observed(value, criterion.Rule.Unit, text);
                // Below complaintFrom (trouble on no night, or for no days) there is no sleep complaint (safety rule 9).
                complaintReported &= criterion.Rule.ComplaintFrom is not { } from || value >= from;
            }
            else
            {
                met = criterion.Flag!(answers);
                observed = met ? pack.ObservedYes : pack.ObservedNo;
            }

            results[i] = new CriterionResult(criterion.Rule.Id, texts.Label, met, observed, texts.Threshold, criterion.Rule.Source);
            switch (criterion.Rule.Role)
            {
                case CriterionRole.NightSymptom:
                    nightSymptom |= met;
                    score += met ? 1 : 0;
                    break;
                case CriterionRole.DaytimeSymptom:
                    score += met ? 1 : 0;
                    break;
                case CriterionRole.Frequency:
                    frequent &= met;
                    break;
                case CriterionRole.Duration:
                    lasting &= met;
                    break;
            }
        }

        var classification = !nightSymptom || !complaintReported ? Classification.NoPattern
            : frequent && lasting ? Classification.InsomniaPattern
            : Classification.BelowThreshold;

        var duration = _compiled.Rules.Insomnia.DurationCategories[_compiled.DurationCategory(answers.DurationDays)];
        Statement[] notes =
        [
            .. IsLongStanding(classification, duration.Id) ? [pack.LongStandingNote] : Array.Empty<Statement>(),
            .. CauseReported(answers) ? [pack.TreatCauseFirstNote] : Array.Empty<Statement>(),
            pack.ClinicalDefinitionNote,
        ];

        return new AssessmentResult(
            classification,
            pack.Classifications[(int)classification],
            classification == Classification.InsomniaPattern,
            score,
            duration.Id,
            results,
            MatchPathways(answers, consult || classification == Classification.NoPattern ? pack.PathwaysWithoutAdvice : pack.Pathways),
            notes,
            Version,
            pack.Disclaimer);
    }

    /// <summary>POST /magnesium/dose-checks.</summary>
    /// <exception cref="ArgumentException">A form, medication or condition id is not in the rule set, or a compound amount has no form.</exception>
    public DoseCheckResult CheckDose(PersonProfile profile, DoseAmount dose, string language)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(dose);
        var pack = Pack(language);
        var findings = new List<Finding>(8);
        List<ConflictView>? conflicts = null;
        var evaluation = EvaluateDose(profile, dose, pack, findings, ref conflicts);
        AddProfileFindings(profile, pack, findings);
        findings.Add(pack.SideEffects);
        SortStrictestFirst(findings);
        var verdict = Strictest(findings);
        var consult = verdict == Verdict.ConsultClinician;
        var band = UpperLimitBand(profile);
        if (consult)
        {
            TellTierForConsult(findings, evaluation.Tier, pack);
        }
        else if (!evaluation.AboveUpperLimit && pack.TierReachConflicts[evaluation.Tier][band] is { } reach)
        {
            // Rule 2: the tier is shown with its bounds, and S2's upper bound is above the stricter limit shown beside it.
            (conflicts ??= []).Add(reach);
        }
        return new DoseCheckResult(
            verdict,
            (consult ? pack.ConsultTiers : pack.Tiers)[evaluation.Tier],
            dose.AmountMg,
            dose.AmountBasis,
            dose.Form,
            evaluation.Fraction,
            evaluation.ElementalMg,
            evaluation.AboveUpperLimit,
            consult ? null : pack.UpperLimits[band],
            consult ? null : Rda(profile, pack),
            findings,
            conflicts is null ? [] : conflicts,
            consult ? Referral(findings, pack) : null,
            Version,
            pack.Disclaimer);
    }

    /// <summary>POST /guidance: the assessment, every safety finding of profile, dose and sleep answers, and a plan.</summary>
    /// <exception cref="ArgumentException">As for <see cref="CheckDose"/>.</exception>
    public GuidanceResult Guide(SleepAnswers sleep, PersonProfile profile, DoseAmount? dose, string language)
    {
        ArgumentNullException.ThrowIfNull(sleep);
        ArgumentNullException.ThrowIfNull(profile);
        var pack = Pack(language);
        var findings = new List<Finding>(10);
        List<ConflictView>? conflicts = null;
        DoseSummary? doseSummary = null;
        var tier = -1;
        if (dose is not null)
        {
            var evaluation = EvaluateDose(profile, dose, pack, findings, ref conflicts);
            tier = evaluation.Tier;
            doseSummary = new DoseSummary(evaluation.ElementalMg, pack.Tiers[evaluation.Tier].Id, evaluation.AboveUpperLimit);
        }

        AddProfileFindings(profile, pack, findings);
        findings.Add(pack.SideEffects);
        if (CauseReported(sleep))
        {
            findings.Add(pack.TreatCauseFirst);
        }

        var assessment = Assess(sleep, pack, consult: false);
        if (IsLongStanding(assessment.Classification, assessment.DurationCategory))
        {
            findings.Add(pack.LongStanding);
        }

        SortStrictestFirst(findings);
        var verdict = Strictest(findings);
        var consult = verdict == Verdict.ConsultClinician;
        if (consult)
        {
            assessment = assessment with { Pathways = MatchPathways(sleep, pack.PathwaysWithoutAdvice) };
            if (tier >= 0)
            {
                TellTierForConsult(findings, tier, pack);
            }
        }

        // Safety rules 3, 8 and 9: no supplement advice for a case for a clinician, nor for someone with no sleep complaint.
        var advise = !consult && assessment.Classification != Classification.NoPattern;
        var band = UpperLimitBand(profile);
        var range = advise ? pack.DailyRanges[band] : null;
        if (range is not null && pack.RangeConflicts[band] is { } capped)
        {
            (conflicts ??= []).Add(capped);
        }

        // Rule 2: every plan puts food first and tells whom the evidence covers, two points where the articles disagree.
        (conflicts ??= []).Add(pack.FoodFirstConflict);
        conflicts.Add(pack.TrialPopulationConflict);

        var plan = new GuidancePlan(
            advise ? RankForms(assessment, pack) : [],
            range,
            consult ? Referral(findings, pack) : null,
            advise ? pack.TryForWeeks : null,
            advise ? pack.PairWith : null,
            pack.LifestyleFirst,
            pack.FoodSources,
            advise ? pack.Evidence : pack.EvidenceWithoutAmounts);

        return new GuidanceResult(
            assessment,
            new SafetyResult(verdict, findings, conflicts, doseSummary),
            plan,
            pack.Disclaimer,
            Version);
    }

    private LanguagePack Pack(string language) => _packs.GetValueOrDefault(language) ?? _default;

    private static void TellTierForConsult(List<Finding> findings, int tier, LanguagePack pack)
    {
        if (pack.TierFindings[tier] is not { } told)
        {
            return;
        }

        var index = findings.FindIndex(f => ReferenceEquals(f, told));
        if (index >= 0)
        {
            findings[index] = pack.ConsultTierFindings[tier]!;
        }
    }

    private static bool CauseReported(SleepAnswers answers) => answers.PainOrIllness == true || answers.MedicationSideEffects == true;

    /// <summary>An insomnia pattern for as long as the clinical definitions require: told in an assessment's notes and as a guidance finding.</summary>
    private bool IsLongStanding(Classification classification, string durationCategory) =>
        classification == Classification.InsomniaPattern && durationCategory == _compiled.LongStandingCategory;

    private int UpperLimitBand(PersonProfile profile) => _compiled.UpperLimitBandByAge[_compiled.AgeIndex(profile.Age)];

    private readonly record struct DoseEvaluation(double Fraction, double ElementalMg, int Tier, bool AboveUpperLimit);

    private DoseEvaluation EvaluateDose(PersonProfile profile, DoseAmount dose, LanguagePack pack, List<Finding> findings, ref List<ConflictView>? conflicts)
    {
        var fraction = 1.0;
        if (dose.AmountBasis == AmountBasis.Compound)
        {
            if (dose.Form is null || !_compiled.ElementalFractions.TryGetValue(dose.Form, out fraction))
            {
                throw new ArgumentException($"A compound amount needs a known form; got '{dose.Form}'.", nameof(dose));
            }
        }
        else if (dose.Form is not null && !_compiled.ElementalFractions.ContainsKey(dose.Form))
        {
            throw new ArgumentException($"Unknown form '{dose.Form}'.", nameof(dose));
        }

        var elemental = dose.AmountMg * fraction;
        var tier = _compiled.TierIndex(elemental);
        if (pack.TierFindings[tier] is { } tierFinding)
        {
            findings.Add(tierFinding);
        }

        var band = UpperLimitBand(profile);
        var limit = _compiled.Rules.Dose.UpperLimits[band].Mg;
        var above = limit is null || elemental > limit;
        if (above)
        {
            findings.Add(pack.UpperLimitFindings[band]);
            if (pack.AboveLimitConflicts[tier][band] is { } conflict)
            {
                (conflicts ??= []).Add(conflict);
            }
        }

        return new DoseEvaluation(fraction, elemental, tier, above);
    }

    private void AddProfileFindings(PersonProfile profile, LanguagePack pack, List<Finding> findings)
    {
        var rules = _compiled.Rules.Risks;
        if (profile.KidneyDisease)
        {
            findings.Add(pack.KidneyImpairment);
        }

        if (profile.Pregnant || profile.Breastfeeding)
        {
            findings.Add(pack.PregnancyOrBreastfeeding);
        }

        if (profile.Age < rules.Under18.AdultAgeYears)
        {
            findings.Add(pack.Under18);
        }

        if (profile.Medications is { Count: > 0 } medications)
        {
            Span<bool> seen = stackalloc bool[pack.MedicationFindings.Length];
            foreach (var id in medications)
            {
                var index = _compiled.MedicationIndex.TryGetValue(id, out var i) ? i : throw new ArgumentException($"Unknown medication group '{id}'.", nameof(profile));
                if (!seen[index])
                {
                    seen[index] = true;
                    findings.Add(pack.MedicationFindings[index]);
                }
            }
        }

        if (profile.Conditions is { Count: > 0 } conditions)
        {
            Span<bool> seen = stackalloc bool[pack.ConditionFindings.Length];
            foreach (var id in conditions)
            {
                var index = _compiled.ConditionIndex.TryGetValue(id, out var i) ? i : throw new ArgumentException($"Unknown condition '{id}'.", nameof(profile));
                if (!seen[index])
                {
                    seen[index] = true;
                    findings.Add(pack.ConditionFindings[index]);
                    if (_compiled.DeficiencyGroupByCondition[index] is var group and >= 0)
                    {
                        findings.Add(pack.DeficiencyFindings[group]);
                    }
                }
            }
        }

        foreach (var (minAge, group) in _compiled.AgeDeficiencyGroups)
        {
            if (profile.Age >= minAge)
            {
                findings.Add(pack.DeficiencyFindings[group]);
            }
        }
    }

    private RdaView Rda(PersonProfile profile, LanguagePack pack)
    {
        var lookup = pack.Intake[_compiled.IntakeBandByAge[_compiled.AgeIndex(profile.Age)]];
        var byBasis = lookup.ByBasis;
        if (byBasis.TryGetValue("all", out var all))
        {
            return all;
        }

        var basis = profile.Pregnant ? "pregnancy"
            : profile.Breastfeeding ? "lactation"
            : profile.Sex switch { Sex.Female => "female", Sex.Male => "male", _ => null };
        return basis is not null && byBasis.TryGetValue(basis, out var view) ? view : lookup.Unknown;
    }

    private PathwayResult[] MatchPathways(SleepAnswers answers, PathwayResult?[][] pathways)
    {
        var triggers = _compiled.PathwayTriggers;
        var count = 0;
        Span<int> masks = stackalloc int[triggers.Length];
        for (var p = 0; p < triggers.Length; p++)
        {
            for (var t = 0; t < triggers[p].Length; t++)
            {
                if (triggers[p][t].Read(answers))
                {
                    masks[p] |= 1 << t;
                }
            }

            count += masks[p] == 0 ? 0 : 1;
        }

        if (count == 0)
        {
            return [];
        }

        var matched = new PathwayResult[count];
        count = 0;
        for (var p = 0; p < triggers.Length; p++)
        {
            if (masks[p] != 0)
            {
                matched[count++] = pathways[p][masks[p]]!;
            }
        }

        return matched;
    }

    /// <summary>Recommendable forms, strongest first: by how strongly the matched pathways suggest them, then gentle on the gut, then catalogue order.</summary>
    private RecommendedForm[] RankForms(AssessmentResult assessment, LanguagePack pack)
    {
        var forms = _compiled.Rules.Forms.Forms;
        var scores = new int[forms.Count];
        var byPathways = new int[forms.Count];
        foreach (var matched in assessment.Pathways)
        {
            var p = _compiled.PathwayIndex[matched.Id];
            var suggested = _compiled.PathwayFormIndex[p];
            for (var rank = 0; rank < suggested.Length; rank++)
            {
                scores[suggested[rank]] += suggested.Length - rank;
                byPathways[suggested[rank]] |= 1 << p;
            }
        }

        // OrderBy is stable, so equals keep catalogue order.
        return [.. Enumerable.Range(0, forms.Count)
            .Where(i => forms[i].Recommendable)
            .OrderByDescending(i => scores[i]).ThenByDescending(i => forms[i].GentleOnGut)
            .Take(_compiled.Rules.Guidance.FormRanking.MaxRecommended)
            .Select(i => pack.Recommendation(i, byPathways[i]))];
    }

    private static ClinicianReferral Referral(List<Finding> findings, LanguagePack pack) =>
        new(pack.ReferralReason, [.. findings.Where(f => f.Severity == Severity.ConsultClinician).Select(f => f.RuleId).Distinct()], pack.Bring, pack.ReferralSources);

    /// <summary>Stable: findings of equal severity keep the order they were found in.</summary>
    private static void SortStrictestFirst(List<Finding> findings)
    {
        Finding[] sorted = [.. findings.OrderByDescending(f => f.Severity)];
        findings.Clear();
        findings.AddRange(sorted);
    }

    /// <summary>Safety policy 1: the strictest finding decides; info counts as ok.</summary>
    internal static Verdict Strictest(IReadOnlyList<Finding> findings) =>
        findings.Select(f => f.Severity.ToVerdict()).Append(Verdict.Ok).Max();
}
