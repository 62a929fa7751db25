using MagSleep.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MagSleep.Api.Features.Health;

/// <summary>Liveness: the process answers.</summary>
public sealed record LiveResponse(string Status);

/// <summary>Readiness: the content that is being served. "degraded" means the newest edit was refused and the last good version is still served.</summary>
public sealed record ReadyResponse(string Status, string ContentVersion, DateTimeOffset LoadedAt, int Articles, string? Reason, DateTimeOffset? RejectedAt);

internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags("Health");

        group.MapGet("/live", Live)
            .WithName("Live")
            .WithSummary("Liveness probe")
            .WithDescription("Answers 200 while the process is running.");

        group.MapGet("/ready", Ready)
            .WithName("Ready")
            .WithSummary("Readiness probe")
            .WithDescription("Answers 200 with the version of the content being served. The status is `degraded`, with the reason, while an edit of content/ is refused and the last good version is still being served.");

        return routes;
    }

    internal static Ok<LiveResponse> Live() => TypedResults.Ok(new LiveResponse("live"));

    internal static Ok<ReadyResponse> Ready(ContentStore store)
    {
        var snapshot = store.Current.Snapshot;
        var rejected = store.Rejected;
        return TypedResults.Ok(new ReadyResponse(rejected is null ? "ready" : "degraded", snapshot.Version, snapshot.LoadedAt,
            snapshot.Articles.Count, rejected?.Reason, rejected?.At));
    }
}
