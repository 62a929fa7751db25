using Microsoft.AspNetCore.Http.HttpResults;

namespace MagSleep.Api.Infrastructure;

internal static class Problems
{
    public static ProblemHttpResult ArticleNotFound(string slug) =>
        NotFound("Article not found", $"There is no article with the slug '{slug}'.", ("slug", slug));

    public static ProblemHttpResult NotFound(string title, string detail, params (string Name, string Value)[] missing) =>
        TypedResults.Problem(
            title: title,
            detail: detail,
            statusCode: StatusCodes.Status404NotFound,
            extensions: missing.ToDictionary(m => m.Name, m => (object?)m.Value));
}
