using Microsoft.AspNetCore.Http.HttpResults;

namespace MagSleep.Api.Infrastructure.Http;

/// <summary>
/// Problems made by handlers, titled with their kind: the problem-details customization (<see cref="ProblemDetailsSetup"/>)
/// gives them the title and detail of that kind in the negotiated language, filling the detail's placeholders from
/// the extensions. What was asked for (a slug, an id) is not repeated: a path can hold what a person typed.
/// </summary>
internal static class Problems
{
    /// <summary>A 404 of the kind <paramref name="kind"/> (<c>title.</c> + kind in content/messages/problems.json).</summary>
    public static ProblemHttpResult NotFound(string kind, Dictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: kind, statusCode: StatusCodes.Status404NotFound, extensions: extensions);
}
