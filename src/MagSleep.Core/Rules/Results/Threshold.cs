using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace MagSleep.Core.Rules;

/// <summary>The rule a criterion applies: <c>operator</c> is "&gt;", "&gt;=", "&lt;", "&lt;=" or "is-true".</summary>
public sealed record Threshold(
    [property: AllowedValues(">", ">=", "<", "<=", CompiledCriterion.IsTrue)] string Operator,
    double? Value,
    string? Unit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrInput,
    string Text);
