using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>
/// <c>message</c> is told to a person who named the condition; <c>catalogueMessage</c> describes it in the
/// risk-group catalogue, where nobody has said anything.
/// </summary>
public sealed record ConditionRule(
    string RuleId,
    Severity Severity,
    LocalizedText Message,
    LocalizedText CatalogueMessage,
    IReadOnlyList<ConditionInfo> Conditions,
    IReadOnlyList<string> Sources);

public sealed record ConditionInfo(string Id, LocalizedText Name);
