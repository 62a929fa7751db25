using Microsoft.AspNetCore.Http.HttpResults;

namespace MagSleep.Api.Infrastructure.Http;

/// <summary>
/// Problems made by handlers, titled with their kind: the problem-details customization (<see cref="ProblemDetailsSetup"/>)
/// gives them the title and detail of that kind in the negotiated language, filling the detail's placeholders from
/// the extensions. What was asked for (a slug, an id) is not repeated: a path can hold what a person typed.
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult ArticleNotFound() => NotFound("article-not-found");

    public static ProblemHttpResult SectionNotFound() => NotFound("section-not-found");

    public static ProblemHttpResult FormNotFound(IEnumerable<string> knownForms) =>
        NotFound("form-not-found", new Dictionary<string, object?> { ["forms"] = knownForms.Order(StringComparer.Ordinal).ToArray() });

    private static ProblemHttpResult NotFound(string kind, Dictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: kind, statusCode: StatusCodes.Status404NotFound, extensions: extensions);
}
