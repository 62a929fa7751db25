using System.ComponentModel.DataAnnotations;

namespace MagSleep.Api.Features.Health;

/// <summary>Liveness: the process answers.</summary>
public sealed record LiveResponse([property: AllowedValues("live")] string Status);
