using System.Text.Json.Serialization;

namespace MagSleep.Core.Rules;

/// <summary>One group a risk rule covers.</summary>
/// <param name="Id">The group's id: as a request's medications or conditions take it for those rules, an age band for the upper limit, a group such as older-adults for deficiency risk.</param>
/// <param name="Name">Its name.</param>
/// <param name="Message">What the rule tells someone in this group.</param>
/// <param name="Sources">Source tags.</param>
/// <param name="Spacing">For a medicine: how many hours to keep it apart from magnesium; absent where the sources give none.</param>
/// <param name="MinAgeYears">For an age group: the youngest age in years it covers; absent otherwise.</param>
/// <param name="Rationale">Why the group is at risk, where the sources say; absent otherwise.</param>
public sealed record RiskGroupMemberView(
    string Id,
    string Name,
    string Message,
    IReadOnlyList<string> Sources,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SpacingView? Spacing = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MinAgeYears = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Rationale = null);
