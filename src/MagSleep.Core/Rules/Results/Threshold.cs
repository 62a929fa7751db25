using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace MagSleep.Core.Rules;

/// <summary>The rule a criterion applies: <c>operator</c> is "&gt;", "&gt;=", "&lt;", "&lt;=" or "is-true".</summary>
/// <param name="Operator">How the reported value is compared with <c>value</c>, or is-true for a yes/no.</param>
/// <param name="Value">The number compared with; null for a yes/no.</param>
/// <param name="Unit">The unit id of the number; null for a yes/no.</param>
/// <param name="OrInput">A yes/no answer that also meets the criterion, whatever the number; absent where there is none.</param>
/// <param name="Text">The threshold in words.</param>
public sealed record Threshold(
    [property: AllowedValues(">", ">=", "<", "<=", CompiledCriterion.IsTrue)] string Operator,
    double? Value,
    string? Unit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrInput,
    string Text);
