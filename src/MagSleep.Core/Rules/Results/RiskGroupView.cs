using System.Text.Json.Serialization;

namespace MagSleep.Core.Rules;

/// <summary>One risk rule; <c>message</c> is absent for rules that speak only through their members.</summary>
/// <param name="RuleId">The rule's id, as findings name it.</param>
/// <param name="Severity">The severity of the finding it gives.</param>
/// <param name="Message">What it tells a person it applies to.</param>
/// <param name="Sources">Source tags.</param>
/// <param name="Members">The groups it covers (age bands, medicines, conditions); empty for a rule about one group.</param>
public sealed record RiskGroupView(
    string RuleId,
    Severity Severity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    IReadOnlyList<string> Sources,
    IReadOnlyList<RiskGroupMemberView> Members);
