using Microsoft.AspNetCore.Http.HttpResults;

namespace MagSleep.Api.Infrastructure.Http;

/// <summary>
/// Problems made by handlers, titled in English: the problem-details customization (<see cref="ProblemDetailsSetup"/>)
/// puts title and detail into the negotiated language, filling the detail's placeholders from the extensions.
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult ArticleNotFound(string slug) =>
        NotFound("Article not found", $"There is no article with the slug '{slug}'.", ("slug", slug));

    public static ProblemHttpResult FormNotFound(string id, IEnumerable<string> knownForms) =>
        TypedResults.Problem(
            title: "Form not found",
            statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["id"] = id, ["forms"] = knownForms.Order(StringComparer.Ordinal).ToArray() });

    public static ProblemHttpResult NotFound(string title, string detail, params (string Name, string Value)[] missing) =>
        TypedResults.Problem(
            title: title,
            detail: detail,
            statusCode: StatusCodes.Status404NotFound,
            extensions: missing.ToDictionary(m => m.Name, m => (object?)m.Value));
}
