using System.Numerics;
using FluentValidation;
using FluentValidation.Results;
using FluentValidation.Validators;
using MagSleep.Core.Rules;

namespace MagSleep.Api.Infrastructure;

/// <summary>
/// Required-and-in-range rules whose bounds are read from the rule set at validation time, so an edit of
/// content/rules/inputs.json applies without a restart. Messages state the rule, never the value that was sent.
/// </summary>
internal static class RangeRules
{
    public static IRuleBuilderOptions<T, TNumber?> InRange<T, TNumber>(this IRuleBuilderInitial<T, TNumber?> rule, Func<NumericRange> range, string unit)
        where TNumber : struct, INumber<TNumber> =>
        rule.SetValidator(new RangeValidator<T, TNumber>(range, unit));

    /// <summary>Required and in range as one check: one rule component per field rather than two.</summary>
    private sealed class RangeValidator<T, TNumber>(Func<NumericRange> range, string unit) : PropertyValidator<T, TNumber?>
        where TNumber : struct, INumber<TNumber>
    {
        public override string Name => "RangeValidator";

        public override bool IsValid(ValidationContext<T> context, TNumber? value)
        {
            if (value is null)
            {
                context.MessageFormatter.AppendArgument("Problem", "Is required.");
                return false;
            }

            var bounds = range();
            if (bounds.Contains(double.CreateChecked(value.Value)))
            {
                return true;
            }

            context.MessageFormatter.AppendArgument("Problem", Describe(bounds, unit));
            return false;
        }

        protected override string GetDefaultMessageTemplate(string errorCode) => "{Problem}";
    }

    public static string Describe(NumericRange range, string unit) =>
        range.MinExclusive
            ? $"Must be more than {range.Min} and at most {range.Max} {unit}."
            : $"Must be from {range.Min} to {range.Max} {unit}.";
}

internal static class IdRules
{
    /// <summary>The value must be one of the ids the rule set defines; the message lists them, not what was sent.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, Func<IReadOnlySet<string>> ids) =>
        rule.Must(value => value is not null && ids().Contains(value)).WithMessage(_ => OneOfMessage(ids()));

    /// <summary>
    /// Each item must be one of the ids; a failure is named by the item's index ("medications[1]"), as RuleForEach
    /// names it. One rule on the list: RuleForEach ran a rule context per item, and even on an empty or missing list
    /// it was half of a dose check's validation.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, IReadOnlyList<string>?> EachOneOf<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule, Func<IReadOnlySet<string>> ids) =>
        rule.Custom((items, context) =>
        {
            if (items is null)
            {
                return;
            }

            var known = ids();
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not { } item || !known.Contains(item))
                {
                    context.AddFailure(new ValidationFailure($"{context.PropertyPath}[{i}]", OneOfMessage(known)));
                }
            }
        });

    private static string OneOfMessage(IReadOnlySet<string> ids) => $"Must be one of: {string.Join(", ", ids.Order(StringComparer.Ordinal))}.";

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> MaxItems<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule, int max) =>
        rule.Must(list => list is null || list.Count <= max).WithMessage($"Must have at most {max} items.");
}
