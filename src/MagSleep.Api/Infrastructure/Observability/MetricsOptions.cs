namespace MagSleep.Api.Infrastructure.Observability;

internal sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Serve Prometheus text at /metrics. Off by default: it is for a scraper on the internal network, never for the public.</summary>
    public bool Prometheus { get; set; }

    /// <summary>Where to push metrics over OTLP. Empty: the standard OTEL_EXPORTER_OTLP_ENDPOINT, and no export when that is unset too.</summary>
    public string? OtlpEndpoint { get; set; }
}
