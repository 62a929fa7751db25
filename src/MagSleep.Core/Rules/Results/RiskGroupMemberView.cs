using System.Text.Json.Serialization;

namespace MagSleep.Core.Rules;

public sealed record RiskGroupMemberView(
    string Id,
    string Name,
    string Message,
    IReadOnlyList<string> Sources,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SpacingView? Spacing = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MinAgeYears = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Rationale = null);
