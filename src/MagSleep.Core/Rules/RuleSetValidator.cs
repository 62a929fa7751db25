using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using MagSleep.Core.Content;
using static MagSleep.Core.Rules.RuleSetLoader;

namespace MagSleep.Core.Rules;

/// <summary>Checks what the JSON schema cannot: texts in every served language, known sources, unique and resolvable ids, contiguous tiers and tables.</summary>
internal static partial class RuleSetValidator
{
    /// <summary>Placeholders the engine fills in; any other <c>{name}</c> in a text is a typo.</summary>
    private static readonly HashSet<string> KnownPlaceholders =
    [
        "value", "ulMg", "adultAge", "condition", "hoursBefore", "hoursAfterMin", "hoursAfterMax",
        "everydayMinMg", "everydayMaxMg", "tierMinMg", "tierMaxMg", "pathways", "summary", "min", "max", "minMg", "maxMg",
    ];

    /// <summary>The id a client sends for a medicine or condition the rule set does not list.</summary>
    private const string CatchAll = "other";

    private static readonly HashSet<string> Operators = [">", ">=", "<", "<=", CompiledCriterion.IsTrue];

    /// <summary>
    /// What the safety policy fixes, which a live edit of the content may make stricter but not looser: the groups it
    /// sends to a clinician stay consult-clinician, the age below which a person is one of them stays at least 18, the
    /// supplemental upper limits stay at or below the ODS and S1 figures, and amounts above S2's 800 mg stay a case
    /// for a clinician.
    /// </summary>
    internal static class SafetyPolicy
    {
        public const int MinAdultAgeYears = 18;

        /// <summary>Above this a daily amount is only taken with a doctor's guidance (S2).</summary>
        public const double SupervisedAboveMg = 800;

        /// <summary>The supplemental upper limit for an age may be lower than the ODS figure (S1's 350 mg for adults), never higher.</summary>
        public static double MaxUpperLimitMg(int age) => age switch
        {
            <= 3 => 65,
            <= 8 => 110,
            _ => 350,
        };
    }

    /// <summary>
    /// Sanity limits that catch a typo (an adult upper limit of 35,000 mg) before it becomes advice. They are not
    /// health rules: every real value lives in content/rules with its source and sits far inside these bounds.
    /// </summary>
    internal static class Plausible
    {
        /// <summary>No authority sets a supplemental magnesium upper limit anywhere near a gram a day.</summary>
        public const double MaxUpperLimitMg = 1000;

        /// <summary>Recommended intakes, trial doses and tier bounds: a few grams a day is already far beyond any source.</summary>
        public const double MaxDailyMg = 5000;

        /// <summary>The largest amount a request may ask about.</summary>
        public const double MaxRequestMg = 100_000;

        public const int MaxAgeYears = 130;

        /// <summary>Standard atomic weights run from about 1 (H) to about 300.</summary>
        public const double MinAtomicMass = 1, MaxAtomicMass = 300;

        /// <summary>
        /// IUPAC's abridged standard atomic weights of the elements the forms are made of. They are constants of nature,
        /// and a wrong one changes how much magnesium every compound amount holds, so content must agree with them.
        /// </summary>
        public static readonly IReadOnlyDictionary<string, double> StandardAtomicWeights = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["H"] = 1.008, ["C"] = 12.011, ["N"] = 14.007, ["O"] = 15.999, ["Mg"] = 24.305, ["S"] = 32.06, ["Cl"] = 35.45,
        };

        /// <summary>A trial period measured in weeks; a year is already implausible.</summary>
        public const int MaxTrialWeeks = 52;

        /// <summary>Spacing between a medicine and magnesium, in hours.</summary>
        public const int MaxSpacingHours = 48;
    }

    /// <summary>
    /// What a text told in a consult-clinician answer must not hold (safety rule 8): an amount in mg or a number of
    /// weeks. The texts so told are checked at load, so an edit that adds one is refused.
    /// </summary>
    [GeneratedRegex(@"[\d}]\s*(mg\b|毫克|milligram|weeks?\b|周)|[一二两三四五六七八九十]\s*周", RegexOptions.IgnoreCase)]
    internal static partial Regex AmountOrWeeks();

    public static void Validate(RuleSet rules, Languages languages)
    {
        if (!VersionPattern().IsMatch(rules.Version))
        {
            throw new ContentValidationException(ManifestFile, "$.version", $"'{rules.Version}' is not a version such as 2026.11.1");
        }

        var tags = rules.Sources.OfType<SourceInfo>().Select(s => s.Tag).ToHashSet(StringComparer.Ordinal);
        Walk(ManifestFile, "$", new RuleSetManifest(rules.Version, rules.DefaultLanguage, rules.Languages, rules.Sources, rules.Disclaimer), tags, languages);
        UniqueIds(ManifestFile, "$.sources", rules.Sources, s => s.Tag);
        Walk(InputsFile, "$", rules.Inputs, tags, languages);
        Walk(InsomniaFile, "$", rules.Insomnia, tags, languages);
        Walk(DoseFile, "$", rules.Dose, tags, languages);
        Walk(FormsFile, "$", rules.Forms, tags, languages);
        Walk(RisksFile, "$", rules.Risks, tags, languages);
        Walk(GuidanceFile, "$", rules.Guidance, tags, languages);

        ValidateInputs(rules.Inputs);
        var formIds = ValidateForms(rules.Forms);
        ValidateInsomnia(rules.Insomnia, rules.Inputs, formIds, rules.Forms.Forms);
        ValidateDose(rules.Dose, rules.Inputs, rules.Risks, rules.Forms.Forms);
        ValidateRisks(rules.Risks, rules.Inputs, rules.Forms.Forms);
        ValidateGuidance(rules.Guidance, rules);
    }

    private static void ValidateInputs(InputLimits inputs)
    {
        void Range(string path, NumericRange range)
        {
            Check(range.Min < range.Max, InputsFile, path, $"min ({range.Min}) must be below max ({range.Max})");
        }

        Range("$.sleep.sleepOnsetMinutes", inputs.Sleep.SleepOnsetMinutes);
        Range("$.sleep.nightWakings", inputs.Sleep.NightWakings);
        Range("$.sleep.nightsPerWeek", inputs.Sleep.NightsPerWeek);
        Range("$.sleep.durationDays", inputs.Sleep.DurationDays);
        Range("$.dose.amountMg", inputs.Dose.AmountMg);
        Range("$.dose.age", inputs.Dose.Age);
        Check(inputs.Dose.Age.Min >= 0 && inputs.Dose.Age.Max == Math.Floor(inputs.Dose.Age.Max), InputsFile, "$.dose.age", "ages are whole years from 0");
        Check(inputs.Dose.Age.Max <= Plausible.MaxAgeYears, InputsFile, "$.dose.age.max", $"an age above {Plausible.MaxAgeYears} is not plausible");
        Check(inputs.Dose.AmountMg.Min >= 0 && inputs.Dose.AmountMg.Max <= Plausible.MaxRequestMg, InputsFile, "$.dose.amountMg", $"amounts run from 0 to at most {Plausible.MaxRequestMg} mg");
        Check(inputs.Sleep.NightsPerWeek.Min >= 0 && inputs.Sleep.NightsPerWeek.Max <= 7, InputsFile, "$.sleep.nightsPerWeek", "a week has 7 nights");
        Check(inputs.Sleep.SleepOnsetMinutes.Min >= 0 && inputs.Sleep.SleepOnsetMinutes.Max <= 24 * 60, InputsFile, "$.sleep.sleepOnsetMinutes", "a day has 1440 minutes");
        Check(inputs.Sleep.NightWakings.Min >= 0 && inputs.Sleep.DurationDays.Min >= 0, InputsFile, "$.sleep", "counts start at 0");
    }

    private static HashSet<string> ValidateForms(FormCatalogue forms)
    {
        foreach (var (element, mass) in forms.AtomicMasses.Elements)
        {
            Check(mass is >= Plausible.MinAtomicMass and <= Plausible.MaxAtomicMass, FormsFile, $"$.atomicMasses.elements.{element}",
                $"an atomic mass runs from {Plausible.MinAtomicMass} to {Plausible.MaxAtomicMass}");
            Check(!Plausible.StandardAtomicWeights.TryGetValue(element, out var standard) || Math.Abs(mass - standard) <= standard * 0.001, FormsFile,
                $"$.atomicMasses.elements.{element}", $"the standard atomic weight of {element} is {standard}");
        }

        Check(forms.AtomicMasses.Elements.ContainsKey(ChemicalFormula.Magnesium), FormsFile, "$.atomicMasses.elements", "magnesium (Mg) is missing");
        UniqueIds(FormsFile, "$.forms", forms.Forms, f => f.Id);
        for (var i = 0; i < forms.Forms.Count; i++)
        {
            var form = forms.Forms[i];
            var path = $"$.forms[{i}]";
            IReadOnlyDictionary<string, int> counts;
            try
            {
                counts = ChemicalFormula.Parse(form.Formula);
            }
            catch (FormatException e)
            {
                throw new ContentValidationException(FormsFile, path + ".formula", e.Message);
            }

            foreach (var element in counts.Keys)
            {
                Check(forms.AtomicMasses.Elements.ContainsKey(element), FormsFile, path + ".formula", $"no atomic mass is given for '{element}'");
            }

            Check(counts.ContainsKey(ChemicalFormula.Magnesium), FormsFile, path + ".formula", "the formula contains no magnesium");
            Check(form.Hydration == "anhydrous", FormsFile, path + ".hydration", "only the anhydrous basis is supported: the formula carries no water of crystallisation");
        }

        return forms.Forms.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
    }

    private static void ValidateInsomnia(InsomniaRules insomnia, InputLimits inputs, HashSet<string> formIds, IReadOnlyList<FormRule> forms)
    {
        UniqueIds(InsomniaFile, "$.criteria", insomnia.Criteria, c => c.Id);
        UniqueIds(InsomniaFile, "$.units", insomnia.Units, u => u.Id);
        var units = insomnia.Units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < insomnia.Criteria.Count; i++)
        {
            var c = insomnia.Criteria[i];
            var path = $"$.criteria[{i}]";
            Check(Operators.Contains(c.Operator), InsomniaFile, path + ".operator", $"'{c.Operator}' is not one of {string.Join(" ", Operators)}");
            if (c.Operator == CompiledCriterion.IsTrue)
            {
                Check(SleepAnswerFields.Flags.ContainsKey(c.Input), InsomniaFile, path + ".input", $"'{c.Input}' is not a yes/no answer");
                Check(c.Value is null && c.Unit is null, InsomniaFile, path + ".value", "an is-true criterion has no value or unit");
            }
            else
            {
                Check(SleepAnswerFields.Numbers.ContainsKey(c.Input), InsomniaFile, path + ".input", $"'{c.Input}' is not a numeric answer");
                Check(c.Value is not null, InsomniaFile, path + ".value", "a comparison needs a value");
                Check(c.Unit is not null && units.Contains(c.Unit), InsomniaFile, path + ".unit", $"unit '{c.Unit}' is not defined in $.units");
                var allowed = inputs.Sleep.Of(c.Input);
                Check(c.Value is { } threshold && threshold >= allowed.Min && threshold <= allowed.Max, InsomniaFile, path + ".value",
                    $"must lie within the allowed answers for {c.Input}, {allowed.Min} to {allowed.Max}");
            }

            if (c.Role is CriterionRole.Frequency or CriterionRole.Duration)
            {
                Check(c.ComplaintFrom is not null, InsomniaFile, path + ".complaintFrom", "a frequency or duration criterion says from when an answer is a complaint (safety rule 9)");
            }

            if (c.ComplaintFrom is { } from)
            {
                Check(c.Role is CriterionRole.Frequency or CriterionRole.Duration, InsomniaFile, path + ".complaintFrom", "only a frequency or duration criterion says from when an answer is a complaint");
                Check(from > 0 && c.Value is { } value && from <= value, InsomniaFile, path + ".complaintFrom",
                    "must be above 0 and at most the criterion's value, so that an answer meeting the criterion is a complaint");
            }

            if (c.OrInput is not null)
            {
                Check(SleepAnswerFields.Flags.ContainsKey(c.OrInput), InsomniaFile, path + ".orInput", $"'{c.OrInput}' is not a yes/no answer");
                Check(c.OrInputLabel is not null, InsomniaFile, path + ".orInputLabel", "an orInput needs its label");
            }
        }

        foreach (var role in Enum.GetValues<CriterionRole>().Where(r => r != CriterionRole.DaytimeSymptom))
        {
            Check(insomnia.Criteria.Any(c => c.Role == role), InsomniaFile, "$.criteria", $"no criterion has the role {JsonNamingPolicy.KebabCaseLower.ConvertName(role.ToString())}");
        }

        var classes = insomnia.Classifications.Select(c => c.Id).ToList();
        Check(classes.Count == classes.Distinct().Count() && Enum.GetValues<Classification>().All(classes.Contains),
            InsomniaFile, "$.classifications", "each classification (no-pattern, below-threshold, insomnia-pattern) must appear exactly once");

        UniqueIds(InsomniaFile, "$.durationCategories", insomnia.DurationCategories, d => d.Id);
        var categories = insomnia.DurationCategories;
        Check(categories.Count > 0, InsomniaFile, "$.durationCategories", "at least one category is needed");
        Check(categories[0].MinDays <= inputs.Sleep.DurationDays.Min, InsomniaFile, "$.durationCategories[0].minDays", "the first category must start at the lowest allowed duration");
        for (var i = 0; i < categories.Count; i++)
        {
            var last = i == categories.Count - 1;
            var path = $"$.durationCategories[{i}]";
            Check(last == categories[i].MaxDaysExclusive is null, InsomniaFile, path + ".maxDaysExclusive", last ? "the last category is open-ended" : "only the last category is open-ended");
            if (!last)
            {
                Check(categories[i].MaxDaysExclusive > categories[i].MinDays, InsomniaFile, path + ".maxDaysExclusive", "must be above minDays");
                Check(categories[i + 1].MinDays == categories[i].MaxDaysExclusive, InsomniaFile, $"$.durationCategories[{i + 1}].minDays", "categories must be contiguous: minDays equals the previous maxDaysExclusive");
            }
        }

        for (var i = 0; i < categories.Count; i++)
        {
            Check(categories[i].MinDays <= inputs.Sleep.DurationDays.Max, InsomniaFile, $"$.durationCategories[{i}].minDays", "beyond the longest allowed duration");
        }

        ToldInConsultAnswers(InsomniaFile, "$.notes.treatCauseFirst.text", insomnia.Notes.TreatCauseFirst.Text, forms);
        UniqueIds(InsomniaFile, "$.pathways", insomnia.Pathways, p => p.Id);
        Check(insomnia.Pathways.Count <= 10, InsomniaFile, "$.pathways", "at most 10 pathways: every combination of them is prepared in advance");
        for (var i = 0; i < insomnia.Pathways.Count; i++)
        {
            var pathway = insomnia.Pathways[i];
            Check(pathway.Triggers.Count is > 0 and <= 8, InsomniaFile, $"$.pathways[{i}].triggers", "a pathway needs one to eight triggers");
            for (var t = 0; t < pathway.Triggers.Count; t++)
            {
                Check(SleepAnswerFields.Flags.ContainsKey(pathway.Triggers[t]), InsomniaFile, $"$.pathways[{i}].triggers[{t}]", $"'{pathway.Triggers[t]}' is not a yes/no answer");
            }

            var told = pathway.ConsultMechanism is null ? ".mechanism" : ".consultMechanism";
            AmountFree(InsomniaFile, $"$.pathways[{i}]{told}", pathway.ConsultMechanism ?? pathway.Mechanism,
                "is told in consult-clinician answers, which name no amount or number of weeks: give the pathway a consultMechanism without them");
            FormFree(InsomniaFile, $"$.pathways[{i}]{told}", pathway.ConsultMechanism ?? pathway.Mechanism, forms);

            for (var f = 0; f < pathway.SuggestedForms.Count; f++)
            {
                Check(formIds.Contains(pathway.SuggestedForms[f]), InsomniaFile, $"$.pathways[{i}].suggestedForms[{f}]", $"form '{pathway.SuggestedForms[f]}' is not in forms.json");
            }
        }
    }

    private static void ValidateDose(DoseRules dose, InputLimits inputs, RiskRules risks, IReadOnlyList<FormRule> forms)
    {
        var tiers = dose.Tiers;
        UniqueIds(DoseFile, "$.tiers", tiers, t => t.Id);
        Check(tiers.Count > 0, DoseFile, "$.tiers", "at least one tier is needed");
        Check(tiers[0].Lower.Mg == inputs.Dose.AmountMg.Min && tiers[0].Lower.Inclusive != inputs.Dose.AmountMg.MinExclusive,
            DoseFile, "$.tiers[0].lower", "the first tier must start where allowed amounts start (inputs.json $.dose.amountMg.min)");
        for (var i = 0; i < tiers.Count; i++)
        {
            var path = $"$.tiers[{i}]";
            var last = i == tiers.Count - 1;
            var upper = tiers[i].Upper;
            Check(last == upper is null, DoseFile, path + ".upper", last ? "the last tier is open-ended" : "only the last tier is open-ended");
            var told = tiers[i].ConsultDescription is null ? ".description" : ".consultDescription";
            AmountFree(DoseFile, path + told, tiers[i].ConsultDescription ?? tiers[i].Description,
                "is told in consult-clinician answers, which name no amount or number of weeks: give the tier a consultDescription without them");
            FormFree(DoseFile, path + told, tiers[i].ConsultDescription ?? tiers[i].Description, forms);
            ToldInConsultAnswers(DoseFile, path + ".name", tiers[i].Name, forms);
            Check(tiers[i].Lower.Mg <= Plausible.MaxDailyMg, DoseFile, path + ".lower.mg", $"a tier bound above {Plausible.MaxDailyMg} mg a day is not plausible");
            if (upper is null)
            {
                continue;
            }

            Check(upper.Mg > tiers[i].Lower.Mg, DoseFile, path + ".upper.mg", "must be above lower.mg");
            var next = tiers[i + 1].Lower;
            Check(next.Mg == upper.Mg, DoseFile, $"$.tiers[{i + 1}].lower.mg", $"tiers must be contiguous: expected {upper.Mg}, the previous tier's upper bound");
            Check(next.Inclusive != upper.Inclusive, DoseFile, $"$.tiers[{i + 1}].lower.inclusive",
                upper.Inclusive ? "the previous tier already includes this bound, so the tiers overlap" : "neither tier includes this bound, so it falls in a gap");
        }

        CoversAges(DoseFile, "$.upperLimits", dose.UpperLimits, b => (b.MinAge, b.MaxAge), inputs.Dose.Age);
        for (var i = 0; i < dose.UpperLimits.Count; i++)
        {
            Check(dose.UpperLimits[i].Mg is null or > 0, DoseFile, $"$.upperLimits[{i}].mg", "an upper limit must be positive; leave it out where none is set");
            Check(dose.UpperLimits[i].Mg is null or <= Plausible.MaxUpperLimitMg, DoseFile, $"$.upperLimits[{i}].mg",
                $"{dose.UpperLimits[i].Mg} mg a day is not a plausible upper limit (at most {Plausible.MaxUpperLimitMg})");
            // The limit rises with age, so a band's youngest age sets its ceiling; only infants have no limit set.
            var band = dose.UpperLimits[i];
            var ceiling = SafetyPolicy.MaxUpperLimitMg(band.MinAge);
            Check(band.Mg is { } mg ? mg <= ceiling : band.MaxAge == 0, DoseFile, $"$.upperLimits[{i}].mg",
                $"the safety policy caps ages {band.MinAge}-{band.MaxAge} at a supplemental upper limit of at most {ceiling} mg; it may be lowered, not raised or left out");
        }

        var open = tiers[^1];
        Check(open.Severity == Severity.ConsultClinician && open.Lower.Mg <= SafetyPolicy.SupervisedAboveMg, DoseFile, $"$.tiers[{tiers.Count - 1}]",
            $"the safety policy sends amounts above {SafetyPolicy.SupervisedAboveMg} mg to a clinician: the open-ended tier is consult-clinician and starts at or below it");

        CoversAges(DoseFile, "$.recommendedIntake", dose.RecommendedIntake, b => (b.MinAge, b.MaxAge), inputs.Dose.Age);
        for (var i = 0; i < dose.RecommendedIntake.Count; i++)
        {
            var values = dose.RecommendedIntake[i].Values;
            Check(values.Count > 0, DoseFile, $"$.recommendedIntake[{i}].values", "at least one value is needed");
            UniqueIds(DoseFile, $"$.recommendedIntake[{i}].values", values, v => v.Basis);
            for (var v = 0; v < values.Count; v++)
            {
                Check(values[v].Mg is > 0 and <= Plausible.MaxDailyMg, DoseFile, $"$.recommendedIntake[{i}].values[{v}].mg", $"must be positive and at most {Plausible.MaxDailyMg}");
            }
        }

        UniqueIds(DoseFile, "$.conflicts", dose.Conflicts, c => c.Id);
        for (var i = 0; i < dose.Conflicts.Count; i++)
        {
            var conflict = dose.Conflicts[i];
            var path = $"$.conflicts[{i}]";
            Check(conflict.WhenTier is not null && tiers.Any(t => t.Id == conflict.WhenTier), DoseFile, path + ".whenTier", $"tier '{conflict.WhenTier}' does not exist");
            Check(conflict.WhenRule == risks.AboveSupplementUpperLimit.RuleId || conflict.WhenRule == ConflictRule.TierReachesAboveUpperLimit, DoseFile, path + ".whenRule",
                $"a dose conflict is triggered by '{risks.AboveSupplementUpperLimit.RuleId}' or '{ConflictRule.TierReachesAboveUpperLimit}'");
            Check(dose.Conflicts.Take(i).All(c => c.WhenTier != conflict.WhenTier || c.WhenRule != conflict.WhenRule), DoseFile, path,
                "another conflict has the same whenTier and whenRule");
            ValidateConflict(DoseFile, path, conflict, dose.UpperLimits, inputs);
        }
    }

    /// <summary>For each age band the conflict is stated for (the winner holds a position there): two positions or more, one per source.</summary>
    private static void ValidateConflict(string file, string path, ConflictRule conflict, IReadOnlyList<UpperLimitBand> bands, InputLimits inputs)
    {
        Check(conflict.Positions.Count >= 2, file, path + ".positions", "a conflict needs at least two positions");
        Check(conflict.Positions.Any(p => p.Source == conflict.Winner), file, path + ".winner", $"'{conflict.Winner}' holds none of the positions");
        for (var i = 0; i < conflict.Positions.Count; i++)
        {
            var position = conflict.Positions[i];
            var at = $"{path}.positions[{i}]";
            Check(position.MinAge is null || inputs.Dose.Age.Contains(position.MinAge.Value), file, at + ".minAge", "outside the allowed ages");
            Check(position.MaxAge is null || inputs.Dose.Age.Contains(position.MaxAge.Value), file, at + ".maxAge", "outside the allowed ages");
            Check(position.MinAge is null || position.MaxAge is null || position.MinAge <= position.MaxAge, file, at + ".maxAge", "must not be below minAge");
            foreach (var band in bands)
            {
                Check(position.AppliesTo(band) || !position.Overlaps(band), file, at,
                    $"the ages cut through the upper-limit band {band.MinAge}-{band.MaxAge}: a position covers whole bands");
            }
        }

        var stated = 0;
        foreach (var band in bands)
        {
            var positions = conflict.Positions.Where(p => p.AppliesTo(band)).ToList();
            if (!positions.Any(p => p.Source == conflict.Winner))
            {
                continue;
            }

            stated++;
            Check(positions.Count >= 2, file, path + ".positions", $"for ages {band.MinAge}-{band.MaxAge} only one position is stated");
            Check(positions.Select(p => p.Source).Distinct().Count() == positions.Count, file, path + ".positions", $"each source states one position for ages {band.MinAge}-{band.MaxAge}");
        }

        Check(stated > 0, file, path + ".winner", $"'{conflict.Winner}' states its position for no age band");
    }

    /// <summary>
    /// The food-first and trial-population conflicts are stated in every guidance answer, consult-clinician ones
    /// included: for every age (no position carries ages), always (no whenTier or whenRule), each with an id no other
    /// conflict uses, and with no amount, number of weeks or form (safety rule 8).
    /// </summary>
    private static void ValidateStandingConflicts(RuleSet rules, IReadOnlyList<FormRule> forms)
    {
        var standing = new[] { ("$.foodSources.conflict", rules.Guidance.FoodSources.Conflict), ("$.evidence.conflict", rules.Guidance.Evidence.Conflict) };
        var ids = rules.Dose.Conflicts.Select(c => c.Id).Append(rules.Guidance.DailyRange.Conflict.Id).ToList();
        foreach (var (path, conflict) in standing)
        {
            ValidateConflict(GuidanceFile, path, conflict, rules.Dose.UpperLimits, rules.Inputs);
            Check(conflict.WhenTier is null, GuidanceFile, path + ".whenTier", "this conflict is stated in every guidance answer, so it has no whenTier");
            Check(conflict.WhenRule is null, GuidanceFile, path + ".whenRule", "this conflict is stated in every guidance answer, so it has no whenRule");
            Check(!ids.Contains(conflict.Id, StringComparer.Ordinal), GuidanceFile, path + ".id", $"id '{conflict.Id}' is already used by another conflict");
            ids.Add(conflict.Id);
            for (var i = 0; i < conflict.Positions.Count; i++)
            {
                var at = $"{path}.positions[{i}]";
                Check(conflict.Positions[i].MinAge is null && conflict.Positions[i].MaxAge is null, GuidanceFile, at,
                    "this conflict is stated for every age, so a position carries no minAge or maxAge");
                ToldInConsultAnswers(GuidanceFile, at + ".position", conflict.Positions[i].Position, forms);
            }

            ToldInConsultAnswers(GuidanceFile, path + ".resolution", conflict.Resolution, forms);
        }
    }

    private static void AmountFree(string file, string path, LocalizedText text, string problem)
    {
        foreach (var (tag, value) in text.Texts)
        {
            Check(!AmountOrWeeks().IsMatch(value), file, Languages.PathOf(path, tag), problem);
        }
    }

    /// <summary>A text every answer tells, consult-clinician ones too: no amount, number of weeks or form (safety rule 8).</summary>
    private static void ToldInConsultAnswers(string file, string path, LocalizedText text, IReadOnlyList<FormRule> forms)
    {
        AmountFree(file, path, text, "is told in consult-clinician answers too, which name no amount or number of weeks");
        FormFree(file, path, text, forms);
    }

    /// <summary>
    /// A consult-clinician answer suggests no form, so the texts it tells do not name one either: by its id without a
    /// prefix (threonate for l-threonate), or by its name in that language.
    /// </summary>
    private static void FormFree(string file, string path, LocalizedText text, IReadOnlyList<FormRule> forms)
    {
        foreach (var (tag, value) in text.Texts)
        {
            var named = forms.FirstOrDefault(f => value.Contains(f.Id[(f.Id.LastIndexOf('-') + 1)..], StringComparison.OrdinalIgnoreCase)
                || (f.Name.Has(tag) && value.Contains(f.Name.In(tag), StringComparison.OrdinalIgnoreCase)));
            Check(named is null, file, Languages.PathOf(path, tag), $"is told in consult-clinician answers, which suggest no form, yet names '{named?.Id}'");
        }
    }

    private static void ValidateRisks(RiskRules risks, InputLimits inputs, IReadOnlyList<FormRule> forms)
    {
        var groups = risks.MedicationInteraction.Groups;
        UniqueIds(RisksFile, "$.medicationInteraction.groups", groups, g => g.Id);
        for (var i = 0; i < groups.Count; i++)
        {
            if (groups[i].Spacing is { } spacing)
            {
                Check(new[] { spacing.HoursBefore, spacing.HoursAfterMin, spacing.HoursAfterMax }.All(h => h is null or (>= 0 and <= Plausible.MaxSpacingHours)),
                    RisksFile, $"$.medicationInteraction.groups[{i}].spacing", $"hours run from 0 to {Plausible.MaxSpacingHours}");
                Check(spacing.HoursBefore is > 0 || spacing.HoursAfterMin is > 0, RisksFile, $"$.medicationInteraction.groups[{i}].spacing", "spacing needs a number of hours");
                Check(spacing.HoursAfterMax is null || spacing.HoursAfterMax >= spacing.HoursAfterMin, RisksFile, $"$.medicationInteraction.groups[{i}].spacing.hoursAfterMax", "must not be below hoursAfterMin");
            }
        }

        UniqueIds(RisksFile, "$.medicalCondition.conditions", risks.MedicalCondition.Conditions, c => c.Id);
        // The API accepts `other` for any medicine or condition not listed, so one not listed still reaches a clinician.
        Check(groups.Any(g => g.Id == CatchAll), RisksFile, "$.medicationInteraction.groups", $"a group with id '{CatchAll}' is needed for medicines not listed");
        Check(risks.MedicalCondition.Conditions.Any(c => c.Id == CatchAll), RisksFile, "$.medicalCondition.conditions", $"a condition with id '{CatchAll}' is needed for conditions not listed");
        var conditions = risks.MedicalCondition.Conditions.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var deficiency = risks.DeficiencyRisk.Groups;
        UniqueIds(RisksFile, "$.deficiencyRisk.groups", deficiency, g => g.Id);
        for (var i = 0; i < deficiency.Count; i++)
        {
            var group = deficiency[i];
            var path = $"$.deficiencyRisk.groups[{i}]";
            Check(group.Condition is null != group.MinAgeYears is null, RisksFile, path, "a group is matched either by condition or by minAgeYears");
            Check(group.Condition is null || conditions.Contains(group.Condition), RisksFile, path + ".condition", $"'{group.Condition}' is not in $.medicalCondition.conditions");
            Check(group.MinAgeYears is null || inputs.Dose.Age.Contains(group.MinAgeYears.Value), RisksFile, path + ".minAgeYears", "outside the allowed ages");
            Check(group.MinAgeYears is null || group.Rationale is not null, RisksFile, path + ".rationale", "an age cut-off needs its rationale");
        }

        Check(inputs.Dose.Age.Contains(risks.Under18.AdultAgeYears), RisksFile, "$.under18.adultAgeYears", "outside the allowed ages");
        foreach (var (message, path) in new[]
        {
            (risks.KidneyImpairment.Message, "$.kidneyImpairment.message"),
            (risks.PregnancyOrBreastfeeding.Message, "$.pregnancyOrBreastfeeding.message"),
            (risks.Under18.Message, "$.under18.message"),
            (risks.MedicalCondition.Message, "$.medicalCondition.message"),
            (risks.SideEffects.Message, "$.sideEffects.message"),
        })
        {
            ToldInConsultAnswers(RisksFile, path, message, forms);
        }

        Check(risks.Under18.AdultAgeYears >= SafetyPolicy.MinAdultAgeYears, RisksFile, "$.under18.adultAgeYears",
            $"the safety policy sends anyone under {SafetyPolicy.MinAdultAgeYears} to a clinician; the age may be raised, not lowered");
        foreach (var (severity, path) in new[]
        {
            (risks.AboveSupplementUpperLimit.Severity, "$.aboveSupplementUpperLimit.severity"),
            (risks.KidneyImpairment.Severity, "$.kidneyImpairment.severity"),
            (risks.PregnancyOrBreastfeeding.Severity, "$.pregnancyOrBreastfeeding.severity"),
            (risks.Under18.Severity, "$.under18.severity"),
            (risks.MedicationInteraction.Severity, "$.medicationInteraction.severity"),
            (risks.MedicalCondition.Severity, "$.medicalCondition.severity"),
        })
        {
            Check(severity == Severity.ConsultClinician, RisksFile, path, "the safety policy sends this group to a clinician: consult-clinician");
        }
    }

    private static void ValidateGuidance(GuidanceRules guidance, RuleSet rules)
    {
        Check(guidance.TreatCauseFirst.Severity == Severity.ConsultClinician, GuidanceFile, "$.treatCauseFirst.severity",
            "the safety policy treats a medicine, pain or illness behind the sleeplessness first: consult-clinician (rule 7)");
        var tier = rules.Dose.Tiers.FirstOrDefault(t => t.Id == guidance.DailyRange.FromTier);
        Check(tier is { Upper: not null }, GuidanceFile, "$.dailyRange.fromTier", $"'{guidance.DailyRange.FromTier}' is not a closed tier in dose.json");
        var adultLimit = rules.Dose.UpperLimits.FirstOrDefault(b => b.MinAge <= rules.Risks.Under18.AdultAgeYears && rules.Risks.Under18.AdultAgeYears <= b.MaxAge)?.Mg;
        Check(tier is null || adultLimit is null || tier.Lower.Mg < adultLimit, GuidanceFile, "$.dailyRange.fromTier",
            $"the daily range starts below the adult upper limit ({adultLimit} mg), or capping it there would leave no range");
        ValidateConflict(GuidanceFile, "$.dailyRange.conflict", guidance.DailyRange.Conflict, rules.Dose.UpperLimits, rules.Inputs);
        ValidateStandingConflicts(rules, rules.Forms.Forms);
        Check(rules.Insomnia.DurationCategories.Any(d => d.Id == guidance.LongStanding.WhenDurationCategory), GuidanceFile, "$.longStanding.whenDurationCategory",
            $"'{guidance.LongStanding.WhenDurationCategory}' is not a duration category in insomnia.json");
        Check(guidance.FormRanking.MaxRecommended >= 1, GuidanceFile, "$.formRanking.maxRecommended", "must be at least 1");
        Check(guidance.TryForWeeks.Min >= 1 && guidance.TryForWeeks.Min <= guidance.TryForWeeks.Max, GuidanceFile, "$.tryForWeeks", "needs 1 <= min <= max");
        Check(guidance.TryForWeeks.Max <= Plausible.MaxTrialWeeks, GuidanceFile, "$.tryForWeeks.max", $"more than {Plausible.MaxTrialWeeks} weeks is not plausible");
        Check(guidance.Evidence.TrialDoseMinMg > 0 && guidance.Evidence.TrialDoseMinMg <= guidance.Evidence.TrialDoseMaxMg, GuidanceFile, "$.evidence", "needs 0 < trialDoseMinMg <= trialDoseMaxMg");
        Check(guidance.Evidence.TrialDoseMaxMg <= Plausible.MaxDailyMg, GuidanceFile, "$.evidence.trialDoseMaxMg", $"a trial dose above {Plausible.MaxDailyMg} mg a day is not plausible");
        AmountFree(GuidanceFile, "$.evidence.consultText", guidance.Evidence.ConsultText, "is told in answers that suggest no supplement, which name no amount or number of weeks");
        FormFree(GuidanceFile, "$.evidence.consultText", guidance.Evidence.ConsultText, rules.Forms.Forms);
        ToldInConsultAnswers(GuidanceFile, "$.referral.reason", guidance.Referral.Reason, rules.Forms.Forms);
        for (var i = 0; i < guidance.Referral.Bring.Count; i++)
        {
            ToldInConsultAnswers(GuidanceFile, $"$.referral.bring[{i}].text", guidance.Referral.Bring[i].Text, rules.Forms.Forms);
        }

        for (var i = 0; i < guidance.LifestyleFirst.Count; i++)
        {
            ToldInConsultAnswers(GuidanceFile, $"$.lifestyleFirst[{i}].text", guidance.LifestyleFirst[i].Text, rules.Forms.Forms);
        }

        ToldInConsultAnswers(GuidanceFile, "$.foodSources.text", guidance.FoodSources.Text, rules.Forms.Forms);
        Check(guidance.FormRanking.MaxRecommended <= rules.Forms.Forms.Count, GuidanceFile, "$.formRanking.maxRecommended", "more than the forms there are");
        UniqueIds(GuidanceFile, "$.referral.bring", guidance.Referral.Bring, b => b.Id);
        UniqueIds(GuidanceFile, "$.lifestyleFirst", guidance.LifestyleFirst, l => l.Id);
        UniqueIds(GuidanceFile, "$.foodSources.items", guidance.FoodSources.Items, f => f.Id);

        // Findings are told apart by ruleId, so no two rules may share one.
        var ruleIds = new List<(string Id, string File, string Path)>();
        ruleIds.AddRange(rules.Dose.Tiers.Select((t, i) => (t.Id, DoseFile, $"$.tiers[{i}].id")));
        var r = rules.Risks;
        ruleIds.Add((r.AboveSupplementUpperLimit.RuleId, RisksFile, "$.aboveSupplementUpperLimit.ruleId"));
        ruleIds.Add((r.KidneyImpairment.RuleId, RisksFile, "$.kidneyImpairment.ruleId"));
        ruleIds.Add((r.PregnancyOrBreastfeeding.RuleId, RisksFile, "$.pregnancyOrBreastfeeding.ruleId"));
        ruleIds.Add((r.Under18.RuleId, RisksFile, "$.under18.ruleId"));
        ruleIds.Add((r.SideEffects.RuleId, RisksFile, "$.sideEffects.ruleId"));
        ruleIds.Add((r.MedicationInteraction.RuleId, RisksFile, "$.medicationInteraction.ruleId"));
        ruleIds.Add((r.DeficiencyRisk.RuleId, RisksFile, "$.deficiencyRisk.ruleId"));
        ruleIds.Add((r.MedicalCondition.RuleId, RisksFile, "$.medicalCondition.ruleId"));
        ruleIds.Add((guidance.TreatCauseFirst.RuleId, GuidanceFile, "$.treatCauseFirst.ruleId"));
        ruleIds.Add((guidance.LongStanding.RuleId, GuidanceFile, "$.longStanding.ruleId"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, file, path) in ruleIds)
        {
            Check(KebabCase().IsMatch(id), file, path, $"'{id}' is not a lower-case kebab-case id");
            Check(seen.Add(id), file, path, $"rule id '{id}' is used twice");
        }
    }

    private static void CoversAges<T>(string file, string path, IReadOnlyList<T> bands, Func<T, (int Min, int Max)> range, NumericRange ages)
    {
        var expected = (int)ages.Min;
        for (var i = 0; i < bands.Count; i++)
        {
            var (min, max) = range(bands[i]);
            Check(min == expected, file, $"{path}[{i}].minAge", $"expected {expected}: the bands must cover every age from {ages.Min} to {ages.Max} without gaps or overlaps");
            Check(max >= min, file, $"{path}[{i}].maxAge", "must not be below minAge");
            expected = max + 1;
        }

        Check(expected - 1 == (int)ages.Max, file, path, $"the bands end at age {expected - 1}, not at {ages.Max}");
    }

    private static void UniqueIds<T>(string file, string path, IReadOnlyList<T> items, Func<T, string> id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            Check(seen.Add(id(items[i])), file, $"{path}[{i}]", $"id '{id(items[i])}' is used twice");
        }
    }

    private static void Check(bool condition, string file, string path, string problem)
    {
        if (!condition)
        {
            throw new ContentValidationException(file, path, problem);
        }
    }

    /// <summary>Visits every property of the deserialized model: texts in every served language, sources known and present, placeholders known.</summary>
    private static void Walk(string file, string path, object? node, HashSet<string> tags, Languages languages)
    {
        switch (node)
        {
            case null or bool or double or int or Enum:
                return;
            case string text:
                Check(!string.IsNullOrWhiteSpace(text), file, path, "must not be empty");
                return;
            case LocalizedText localized:
                languages.Check(localized, file, path);
                foreach (var (tag, text) in localized.Texts)
                {
                    CheckText(file, Languages.PathOf(path, tag), text);
                }

                return;
            case IDictionary:
                return;
            case IEnumerable list:
                var index = 0;
                foreach (var item in list)
                {
                    Check(item is not null, file, $"{path}[{index}]", "null is not allowed in a list");
                    Walk(file, $"{path}[{index++}]", item, tags, languages);
                }

                return;
        }

        foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var value = property.GetValue(node);
            var childPath = $"{path}.{name}";
            if (property.Name is "Sources" && value is IReadOnlyList<string> sources)
            {
                Check(sources.Count > 0, file, childPath, "every statement needs at least one source");
                for (var i = 0; i < sources.Count; i++)
                {
                    Check(tags.Contains(sources[i]), file, $"{childPath}[{i}]", $"'{sources[i]}' is not a source tag in ruleset.json");
                }
            }
            else if (property.Name is "Source" or "Winner" && value is string tag)
            {
                Check(tags.Contains(tag), file, childPath, $"'{tag}' is not a source tag in ruleset.json");
            }
            else if (property.Name is "Id" && value is string id)
            {
                Check(KebabCase().IsMatch(id), file, childPath, $"'{id}' is not a lower-case kebab-case id");
            }

            Walk(file, childPath, value, tags, languages);
        }
    }

    private static void CheckText(string file, string path, string text)
    {
        Check(!string.IsNullOrWhiteSpace(text), file, path, "the text is missing in this language");
        foreach (Match match in Placeholder().Matches(text))
        {
            Check(KnownPlaceholders.Contains(match.Groups[1].Value), file, path, $"unknown placeholder {match.Value}");
        }
    }

    [GeneratedRegex(@"^\d+(\.\d+)*$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Placeholder();
}
