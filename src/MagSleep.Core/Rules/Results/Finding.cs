using System.Text.Json.Serialization;

namespace MagSleep.Core.Rules;

public sealed record Finding(
    string RuleId,
    Severity Severity,
    string Message,
    IReadOnlyList<string> Sources,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FindingDetails? Details = null);

/// <summary>The medication group, condition or deficiency group a finding is about.</summary>
public sealed record FindingDetails(string Group);
