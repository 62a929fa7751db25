using System.Linq.Expressions;
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

/// <summary>
/// Rules for one part of a request (its sleep answers, its profile), added to the validator of the whole request
/// under the part's own member path, so failures are named "Sleep.NightWakings" as a child validator names them. A
/// child validator would run with a context, a property chain and a result of its own on every request: for guidance,
/// three of them cost as much as all its rules.
/// </summary>
internal sealed class PartRules<T, TPart>
    where TPart : class
{
    private readonly AbstractValidator<T> _validator;
    private readonly Expression<Func<T, TPart?>> _path;

    // Null for the request itself. A rule-level condition, checked before any of the rule's own: FluentValidation's
    // When(condition, rules) would also remember each answer in a dictionary keyed by the request, which hashes
    // the whole request record on every validation.
    private readonly Func<ValidationContext<T>, bool>? _present;

    private PartRules(AbstractValidator<T> validator, Expression<Func<T, TPart?>> path)
    {
        _validator = validator;
        _path = path;
        Of = path.Compile()!;
        _present = path.Body == path.Parameters[0] ? null : context => Of(context.InstanceToValidate) is not null;
    }

    /// <summary>The part of a request, for conditions; rules only run when it is there.</summary>
    public Func<T, TPart> Of { get; }

    /// <summary>Adds the rules <paramref name="add"/> defines, each run only when the part at <paramref name="path"/> is there.</summary>
    public static void Add(AbstractValidator<T> validator, Expression<Func<T, TPart?>> path, Action<PartRules<T, TPart>> add) =>
        add(new PartRules<T, TPart>(validator, path));

    public IRuleBuilderInitial<T, TValue> RuleFor<TValue>(Expression<Func<TPart, TValue>> member)
    {
        var rule = _validator.RuleFor(Compose(member));
        return _present is null ? rule : rule.Configure(configurable => configurable.ApplySharedCondition(_present));
    }

    /// <summary>request => path.member as one chain of member accesses, which is what FluentValidation names a field by.</summary>
    private Expression<Func<T, TValue>> Compose<TValue>(Expression<Func<TPart, TValue>> member) =>
        Expression.Lambda<Func<T, TValue>>(new Substitute(member.Parameters[0], _path.Body).Visit(member.Body), _path.Parameters);

    private sealed class Substitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;

        // A member of an interface the part implements is reached through a cast, which would end the member chain.
        protected override Expression VisitUnary(UnaryExpression node) =>
            node is { NodeType: ExpressionType.Convert, Operand: ParameterExpression operand } && operand == parameter
                && !node.Type.IsValueType && node.Type.IsAssignableFrom(replacement.Type)
                ? replacement
                : base.VisitUnary(node);
    }
}

internal static class PartRulesExtensions
{
    public static void RulesFor<T, TPart>(this AbstractValidator<T> validator, Expression<Func<T, TPart?>> path, Action<PartRules<T, TPart>> add)
        where TPart : class =>
        PartRules<T, TPart>.Add(validator, path, add);
}
