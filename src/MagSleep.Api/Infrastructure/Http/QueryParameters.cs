using System.Reflection;
using MagSleep.Api.Infrastructure.Content;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace MagSleep.Api.Infrastructure.Http;

/// <summary>
/// A query parameter an endpoint reads must be exactly one value (safety rule 11): the framework joins a repeated
/// one with commas (a search for a term nobody typed, a date that reads as none), and a lang that is a list, padded
/// or empty would silently answer in the default language. Either is a 400 naming the parameter, before the output
/// cache so a kept answer is not served for it. Parameters no endpoint reads are left alone.
/// </summary>
internal static class QueryParameters
{
    public const string Language = "lang";

    /// <summary>Records, on every endpoint of <paramref name="routes"/>, the query parameters its handler reads.</summary>
    public static TBuilder NameQueryParameters<TBuilder>(this TBuilder routes) where TBuilder : IEndpointConventionBuilder
    {
        // Finally: the handler's parameters are known only once the endpoint is being built.
        routes.Finally(endpoint =>
        {
            string[] names = [.. endpoint.Metadata.OfType<IParameterBindingMetadata>()
                .Select(parameter => parameter.ParameterInfo.GetCustomAttribute<FromQueryAttribute>() is { } query ? query.Name ?? parameter.Name : null)
                .OfType<string>()];
            if (names.Length > 0)
            {
                endpoint.Metadata.Add(new ReadFromQuery(names));
            }
        });
        return routes;
    }

    public static IApplicationBuilder RefuseUnclearQuery(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.QueryString.Value is not { Length: > 1 }
                || context.GetEndpoint()?.Metadata.GetMetadata<ReadFromQuery>() is not { } read
                || Unclear(context.Request.Query, read.Names) is not var (name, problem))
            {
                return next(context);
            }

            var problems = context.RequestServices.GetRequiredService<ContentStore>().Current.Problems;
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [name] = [problems.Field(problem, context.ProblemLanguage())],
            }).ExecuteAsync(context);
        });

    private static (string Name, string Problem)? Unclear(IQueryCollection query, string[] names)
    {
        foreach (var name in names)
        {
            var sent = query[name];
            if (sent.Count > 1)
            {
                return (name, "once");
            }

            if (name == Language && sent.Count == 1 && LanguageNegotiation.OneTag(sent) is null)
            {
                return (name, "language");
            }
        }

        return null;
    }

    private sealed record ReadFromQuery(string[] Names);
}
