using System.Text.Json.Serialization;

namespace MagSleep.Core.Rules;

/// <summary>One thing a rule found about the person or the amount.</summary>
/// <param name="RuleId">The rule that found it.</param>
/// <param name="Severity">info, caution or consult-clinician; the strictest finding decides the verdict.</param>
/// <param name="Message">What was found and what to do, in words.</param>
/// <param name="Sources">Source tags.</param>
/// <param name="Details">The group the finding is about, for a medicine, condition or deficiency finding; absent otherwise.</param>
public sealed record Finding(
    string RuleId,
    Severity Severity,
    string Message,
    IReadOnlyList<string> Sources,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FindingDetails? Details = null);

/// <summary>The medication group, condition or deficiency group a finding is about.</summary>
/// <param name="Group">The group's id in the rule set.</param>
public sealed record FindingDetails(string Group);
