using System.ComponentModel.DataAnnotations;
using MagSleep.Api.Infrastructure.Content;

namespace MagSleep.Api.Features.Health;

/// <summary>
/// Readiness: the content that is being served. "degraded" means the newest edit was refused and the last good
/// version is still served; "unavailable" (a 503) that the reference page cannot be served. The reason is a code
/// (content-invalid, page-missing); the file and the problem are in the log.
/// </summary>
public sealed record ReadyResponse(
    [property: AllowedValues("ready", "degraded", "unavailable")] string Status,
    string ContentVersion,
    DateTimeOffset LoadedAt,
    int Articles,
    [property: AllowedValues(RejectedEdit.ContentInvalid, HealthApi.PageMissing, null)] string? Reason,
    DateTimeOffset? RejectedAt);
