using System.ComponentModel.DataAnnotations;
using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>One screening criterion: <c>input operator value</c>, or <c>input is-true</c>; met also when <c>orInput</c> is true.</summary>
public sealed record CriterionRule(
    string Id,
    CriterionRole Role,
    string Input,
    [property: AllowedValues(">", ">=", "<", "<=", CompiledCriterion.IsTrue)] string Operator,
    LocalizedText Label,
    LocalizedText ThresholdText,
    string Source,
    double? Value = null,
    string? Unit = null,
    string? OrInput = null,
    LocalizedText? OrInputLabel = null,
    double? ComplaintFrom = null);
