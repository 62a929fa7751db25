using System.ComponentModel.DataAnnotations;

namespace MagSleep.Api.Infrastructure.Observability;

internal sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "Metrics";

    /// <summary>Serve Prometheus text at /metrics. Off by default: it is for a scraper on the internal network, never for the public.</summary>
    public bool Prometheus { get; set; }

    /// <summary>Where to push metrics over OTLP. Empty: the standard OTEL_EXPORTER_OTLP_ENDPOINT, and no export when that is unset too.</summary>
    public string? OtlpEndpoint { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint)
            && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult($"{Section}:{nameof(OtlpEndpoint)} must be an absolute http or https URL.");
        }
    }
}
