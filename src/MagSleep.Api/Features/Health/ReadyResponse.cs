using System.ComponentModel.DataAnnotations;
using MagSleep.Api.Infrastructure.Content;

namespace MagSleep.Api.Features.Health;

/// <summary>
/// Readiness: the content that is being served. "degraded" means the newest edit was refused and the last good
/// version is still served; "unavailable" (a 503) that the reference page cannot be served. The reason is a code
/// (content-invalid, page-missing); the file and the problem are in the log.
/// </summary>
/// <param name="Status">ready, degraded or unavailable.</param>
/// <param name="ContentVersion">The version of the content being served (a hash of its files).</param>
/// <param name="LoadedAt">When that version was loaded.</param>
/// <param name="Articles">How many articles it holds.</param>
/// <param name="Reason">Why the status is not ready; null when it is.</param>
/// <param name="RejectedAt">When the newest edit was refused; null when none was.</param>
public sealed record ReadyResponse(
    [property: AllowedValues("ready", "degraded", "unavailable")] string Status,
    string ContentVersion,
    DateTimeOffset LoadedAt,
    int Articles,
    [property: AllowedValues(RejectedEdit.ContentInvalid, HealthApi.PageMissing, null)] string? Reason,
    DateTimeOffset? RejectedAt);
