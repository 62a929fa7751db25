using System.Text.Json.Serialization;

namespace MagSleep.Core.Rules;

/// <summary>One risk rule; <c>message</c> is absent for rules that speak only through their members.</summary>
public sealed record RiskGroupView(
    string RuleId,
    Severity Severity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    IReadOnlyList<string> Sources,
    IReadOnlyList<RiskGroupMemberView> Members);
