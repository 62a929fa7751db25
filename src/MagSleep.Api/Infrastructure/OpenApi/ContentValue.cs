namespace MagSleep.Api.Infrastructure.OpenApi;

/// <summary>The content that bounds a <see cref="ContentValuesAttribute"/> field: an id list becomes an enum, a range a minimum and maximum.</summary>
internal enum ContentValue
{
    /// <summary>A magnesium form id of the rule set.</summary>
    FormIds,

    /// <summary>Medicine group ids of the rule set.</summary>
    MedicationIds,

    /// <summary>Medical condition ids of the rule set.</summary>
    ConditionIds,

    /// <summary>The daily amount in mg the dose check accepts (rules/inputs.json).</summary>
    DoseAmount,

    /// <summary>The age in years the dose check accepts (rules/inputs.json).</summary>
    DoseAge,

    /// <summary>A sleep-answer number, whose range is the one of the answer the field's JSON name is (rules/inputs.json).</summary>
    SleepAnswer,

    /// <summary>The language tags of the content being served.</summary>
    LanguageTags,
}
