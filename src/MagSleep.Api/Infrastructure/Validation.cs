using FluentValidation;
using FluentValidation.Results;

namespace MagSleep.Api.Infrastructure;

internal static class Validation
{
    /// <summary>
    /// Runs the registered validator for the endpoint's <typeparamref name="T"/> argument before the handler. The
    /// argument is read from the JSON body (<see cref="JsonBody"/>); the metadata says so for the OpenAPI document.
    /// </summary>
    public static RouteHandlerBuilder WithValidation<T>(this RouteHandlerBuilder builder)
        where T : notnull =>
        builder.AddEndpointFilter<ValidationFilter<T>>()
            .Accepts<T>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Validators are stateless and read limits from the content being served, so one instance of each serves every request.</summary>
    public static IServiceCollection AddRequestValidators(this IServiceCollection services) =>
        services
            .AddSingleton<IValidator<Features.Screening.AssessmentRequest>, Features.Screening.AssessmentRequestValidator>()
            .AddSingleton<IValidator<Features.Magnesium.DoseCheckRequest>, Features.Magnesium.DoseCheckRequestValidator>()
            .AddSingleton<IValidator<Features.Guidance.GuidanceRequest>, Features.Guidance.GuidanceRequestValidator>();

    public static Dictionary<string, string[]> ToProblemErrors(this IEnumerable<ValidationFailure> failures) =>
        failures.GroupBy(f => FieldName(f.PropertyName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal);

    /// <summary>"Sleep.NightWakings" becomes "sleep.nightWakings", the name the client sent.</summary>
    public static string FieldName(string propertyPath) =>
        string.IsNullOrEmpty(propertyPath)
            ? "body"
            : string.Join('.', propertyPath.Split('.').Select(segment => segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));

    private sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
    {
        /// <summary>The rules are all synchronous, so the synchronous path is used: it skips FluentValidation's async machinery on every request.</summary>
        public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            foreach (var argument in context.Arguments)
            {
                if (argument is T request)
                {
                    var result = validator.Validate(request);
                    if (!result.IsValid)
                    {
                        return ValueTask.FromResult<object?>(TypedResults.ValidationProblem(result.Errors.ToProblemErrors(), title: "The request has invalid fields."));
                    }
                }
            }

            return next(context);
        }
    }
}
