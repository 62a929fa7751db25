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
        if (!IsHttpUrl(OtlpEndpoint))
        {
            yield return new ValidationResult($"{Section}:{nameof(OtlpEndpoint)} must be an absolute http or https URL.");
        }
        // The exporter reads the standard variable itself, and would otherwise drop every export without a word.
        else if (string.IsNullOrWhiteSpace(OtlpEndpoint) && !IsHttpUrl(StandardOtlpEndpoint))
        {
            yield return new ValidationResult($"{StandardEndpoint} must be an absolute http or https URL.");
        }
    }

    public const string StandardEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The value of <see cref="StandardEndpoint"/>, which lives outside the section.</summary>
    internal string? StandardOtlpEndpoint { get; set; }

    private static bool IsHttpUrl(string? value) => string.IsNullOrWhiteSpace(value)
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}
