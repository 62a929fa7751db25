using System.Globalization;
using System.Numerics;
using FluentValidation;
using FluentValidation.Results;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Core.Content;
using MagSleep.Api.Infrastructure.Http;
using MagSleep.Core.Rules;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MagSleep.Api.Infrastructure.Validation;

internal static class RequestValidation
{
    /// <summary>
    /// The endpoint reads a JSON <typeparamref name="T"/> of at most Limits:MaxBodyBytes and runs its validator before
    /// the handler; a failure is a validation problem in the caller's language.
    /// </summary>
    public static RouteHandlerBuilder WithValidation<T>(this RouteHandlerBuilder builder)
        where T : notnull =>
        builder.WithBodyLimit()
            .AddEndpointFilter<ValidationFilter<T>>()
            .Accepts<T>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>A body over Limits:MaxBodyBytes is refused with 413 before it is read, whatever reads it.</summary>
    public static RouteHandlerBuilder WithBodyLimit(this RouteHandlerBuilder builder)
    {
        builder.Add(endpoint => endpoint.Metadata.Add(new RequestSizeLimitAttribute(
            endpoint.ApplicationServices.GetRequiredService<IOptions<BodyLimits>>().Value.MaxBodyBytes)));
        return builder;
    }

    /// <summary>Validators are stateless and read limits from the content being served, so one instance of each serves every request.</summary>
    public static IServiceCollection AddRequestValidators<TMarker>(this IServiceCollection services) =>
        services.AddCheckedSettings<BodyLimits>(BodyLimits.Section)
            .AddValidatorsFromAssemblyContaining<TMarker>(ServiceLifetime.Singleton, includeInternalTypes: true);

    /// <summary>"Sleep.NightWakings" becomes "sleep.nightWakings", the name the client sent.</summary>
    public static string FieldName(string propertyPath) =>
        string.IsNullOrEmpty(propertyPath)
            ? "body"
            : string.Join('.', propertyPath.Split('.').Select(segment => segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));

    public static Dictionary<string, string[]> ToProblemErrors(this IEnumerable<ValidationFailure> failures, ProblemTexts texts, string language) =>
        failures.GroupBy(f => FieldName(f.PropertyName), StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.Select(f => f.CustomState is FieldText text ? texts.Field(text.Code, language, text.Arguments) : f.ErrorMessage).Distinct().ToArray(),
                StringComparer.Ordinal);

    public static IRuleBuilderOptions<T, TValue> Says<T, TValue>(this IRuleBuilderOptions<T, TValue> rule, string code) =>
        rule.WithState(_ => new FieldText(code));

    /// <summary>Required, and within the range the rule set gives (content/rules/inputs.json) when the request is checked.</summary>
    public static IRuleBuilderOptions<T, TNumber?> InRange<T, TNumber>(this IRuleBuilderInitial<T, TNumber?> rule, Func<NumericRange> range, string unit)
        where TNumber : struct, INumber<TNumber> =>
        rule.Cascade(CascadeMode.Stop)
            .NotNull().Says("required")
            .Must(value => range().Contains(double.CreateChecked(value!.Value))).WithState(_ => RangeText(range(), unit));

    private static FieldText RangeText(NumericRange range, string unit) =>
        new(range.MinExclusive ? "range-exclusive" : "range", new Dictionary<string, string>
        {
            ["min"] = range.Min.ToString(CultureInfo.InvariantCulture),
            ["max"] = range.Max.ToString(CultureInfo.InvariantCulture),
            ["unit"] = unit,
        });

    /// <summary>Exactly one of the ids the rule set defines (ordinal: no other case, no padding, no lists); the message lists them.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, Func<IReadOnlySet<string>> ids) =>
        rule.Must(value => value is not null && ids().Contains(value))
            .WithState(_ => new FieldText("one-of", new Dictionary<string, string> { ["values"] = string.Join(", ", ids().Order(StringComparer.Ordinal)) }));

    /// <summary>A list of ids is no longer than the ids there are.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> NoLongerThan<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule, Func<IReadOnlySet<string>> ids) =>
        rule.Must(list => list is null || list.Count <= ids().Count)
            .WithState(_ => new FieldText("max-items", new Dictionary<string, string> { ["max"] = ids().Count.ToString(CultureInfo.InvariantCulture) }));

    private sealed class ValidationFilter<T>(IValidator<T> validator, ContentStore store) : IEndpointFilter
    {
        public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            foreach (var argument in context.Arguments)
            {
                if (argument is T request)
                {
                    // The rules are synchronous, so the synchronous path is used.
                    var result = validator.Validate(request);
                    if (!result.IsValid)
                    {
                        var errors = result.Errors.ToProblemErrors(store.Current.Problems, context.HttpContext.ProblemLanguage());
                        return ValueTask.FromResult<object?>(TypedResults.ValidationProblem(errors, title: "invalid-fields"));
                    }
                }
            }

            return next(context);
        }
    }
}
