using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MagSleep.Api.Features.Health;

internal static class HealthApi
{
    public const string PageMissing = "page-missing";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        // A probe that gets a 429 would take a healthy instance out of service.
        var group = routes.MapGroup("/health").WithTags("Health").AnswerHeadAsGet().DisableRateLimiting();

        group.MapGet("/live", Live)
            .WithName("Live")
            .WithSummary("Liveness probe")
            .WithDescription("Answers 200 while the process is running.");

        group.MapGet("/ready", Ready)
            .WithName("Ready")
            .WithSummary("Readiness probe")
            .WithDescription("Answers 200 with the version of the content being served. The status is `degraded`, with the reason code `content-invalid`, while an edit of content/ is refused and the last good version is still being served (the log says which file and why). Answers 503, status `unavailable` and reason `page-missing`, while the reference page's files cannot be found.")
            .Produces<ReadyResponse>(StatusCodes.Status503ServiceUnavailable);

        return routes;
    }

    internal static Ok<LiveResponse> Live() => TypedResults.Ok(new LiveResponse("live"));

    internal static Results<Ok<ReadyResponse>, JsonHttpResult<ReadyResponse>> Ready(ContentStore store, IWebHostEnvironment environment)
    {
        var snapshot = store.Current;
        var rejected = store.Rejected;
        if (!ReferencePage.CanBeServed(environment))
        {
            return TypedResults.Json(new ReadyResponse("unavailable", snapshot.Version, snapshot.LoadedAt, snapshot.Articles.Count, PageMissing, rejected?.At),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Ok(new ReadyResponse(rejected is null ? "ready" : "degraded", snapshot.Version, snapshot.LoadedAt,
            snapshot.Articles.Count, rejected?.Code, rejected?.At));
    }
}
