using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>A criterion bound to the answer fields it reads.</summary>
internal sealed class CompiledCriterion
{
    public const string IsTrue = "is-true";

    public CompiledCriterion(CriterionRule rule)
    {
        Rule = rule;
        Number = rule.Operator == IsTrue ? null : SleepAnswerFields.Numbers[rule.Input];
        Flag = rule.Operator == IsTrue ? SleepAnswerFields.Flags[rule.Input] : null;
        OrFlag = rule.OrInput is null ? null : SleepAnswerFields.Flags[rule.OrInput];
    }

    public CriterionRule Rule { get; }
    public Func<SleepAnswers, int>? Number { get; }
    public Func<SleepAnswers, bool>? Flag { get; }
    public Func<SleepAnswers, bool>? OrFlag { get; }

    public bool Compare(double observed) => Rule.Operator switch
    {
        ">" => observed > Rule.Value,
        ">=" => observed >= Rule.Value,
        "<" => observed < Rule.Value,
        "<=" => observed <= Rule.Value,
        _ => false,
    };
}

/// <summary>Language-independent lookups built once from the rule set: per-age band indexes, form fractions, id indexes.</summary>
internal sealed class CompiledRules
{
    public CompiledRules(RuleSet rules)
    {
        Rules = rules;
        Criteria = rules.Insomnia.Criteria.Select(c => new CompiledCriterion(c)).ToArray();
        PathwayTriggers = rules.Insomnia.Pathways
            .Select(p => p.Triggers.Select(t => (t, SleepAnswerFields.Flags[t])).ToArray())
            .ToArray();

        var maxAge = (int)rules.Inputs.Dose.Age.Max;
        UpperLimitBandByAge = BandIndexByAge(rules.Dose.UpperLimits, b => (b.MinAge, b.MaxAge), maxAge);
        IntakeBandByAge = BandIndexByAge(rules.Dose.RecommendedIntake, b => (b.MinAge, b.MaxAge), maxAge);

        var masses = rules.Forms.AtomicMasses.Elements;
        var formulas = rules.Forms.Forms.ToDictionary(f => f.Id, f => ChemicalFormula.Parse(f.Formula), StringComparer.Ordinal);
        MolarMasses = formulas.ToDictionary(f => f.Key, f => ChemicalFormula.MolarMass(f.Value, masses), StringComparer.Ordinal);
        ElementalFractions = formulas.ToDictionary(f => f.Key, f => ChemicalFormula.ElementalFraction(f.Value, masses), StringComparer.Ordinal);

        MedicationIndex = Index(rules.Risks.MedicationInteraction.Groups.Select(g => g.Id));
        ConditionIndex = Index(rules.Risks.MedicalCondition.Conditions.Select(c => c.Id));
        var deficiency = rules.Risks.DeficiencyRisk.Groups;
        DeficiencyGroupByCondition = rules.Risks.MedicalCondition.Conditions
            .Select(c => deficiency.ToList().FindIndex(g => g.Condition == c.Id))
            .ToArray();
        AgeDeficiencyGroups = deficiency.Select((g, i) => (g, i)).Where(x => x.g.MinAgeYears is not null).Select(x => (x.g.MinAgeYears!.Value, x.i)).ToArray();

        RangeTier = rules.Dose.Tiers.Single(t => t.Id == rules.Guidance.DailyRange.FromTier);
        LongStandingCategory = rules.Guidance.LongStanding.WhenDurationCategory;
        PathwayIndex = rules.Insomnia.Pathways.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        PathwayFormIndex = rules.Insomnia.Pathways
            .Select(p => p.SuggestedForms.Select(f => rules.Forms.Forms.ToList().FindIndex(x => x.Id == f)).ToArray())
            .ToArray();
    }

    public RuleSet Rules { get; }
    public CompiledCriterion[] Criteria { get; }
    public (string Name, Func<SleepAnswers, bool> Read)[][] PathwayTriggers { get; }
    public int[] UpperLimitBandByAge { get; }
    public int[] IntakeBandByAge { get; }
    public IReadOnlyDictionary<string, double> MolarMasses { get; }
    public IReadOnlyDictionary<string, double> ElementalFractions { get; }
    public IReadOnlyDictionary<string, int> MedicationIndex { get; }
    public IReadOnlyDictionary<string, int> ConditionIndex { get; }

    /// <summary>For each medical condition, its deficiency-risk group, or -1.</summary>
    public int[] DeficiencyGroupByCondition { get; }
    public (int MinAge, int Group)[] AgeDeficiencyGroups { get; }
    public DoseTier RangeTier { get; }
    public string LongStandingCategory { get; }

    public IReadOnlyDictionary<string, int> PathwayIndex { get; }

    /// <summary>For each pathway, the indexes of its suggested forms in forms.json, strongest first.</summary>
    public int[][] PathwayFormIndex { get; }

    public int MaxAge => UpperLimitBandByAge.Length - 1;

    public int AgeIndex(int age) => Math.Clamp(age, 0, MaxAge);

    public int TierIndex(double elementalMg)
    {
        var tiers = Rules.Dose.Tiers;
        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i].Contains(elementalMg))
            {
                return i;
            }
        }

        // Unreachable for allowed amounts (the validator proves the tiers cover them); the strictest tier is the safe answer.
        return elementalMg <= tiers[0].Lower.Mg ? 0 : tiers.Count - 1;
    }

    public int DurationCategory(int days)
    {
        var categories = Rules.Insomnia.DurationCategories;
        for (var i = categories.Count - 1; i > 0; i--)
        {
            if (days >= categories[i].MinDays)
            {
                return i;
            }
        }

        return 0;
    }

    private static int[] BandIndexByAge<T>(IReadOnlyList<T> bands, Func<T, (int Min, int Max)> range, int maxAge)
    {
        var index = new int[maxAge + 1];
        for (var b = 0; b < bands.Count; b++)
        {
            var (min, max) = range(bands[b]);
            for (var age = Math.Max(min, 0); age <= Math.Min(max, maxAge); age++)
            {
                index[age] = b;
            }
        }

        return index;
    }

    private static Dictionary<string, int> Index(IEnumerable<string> ids) =>
        ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
}
