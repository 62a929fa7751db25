using System.ComponentModel.DataAnnotations;

namespace MagSleep.Api.Features.Health;

/// <summary>Liveness: the process answers.</summary>
/// <param name="Status">Always live.</param>
public sealed record LiveResponse([property: AllowedValues("live")] string Status);
