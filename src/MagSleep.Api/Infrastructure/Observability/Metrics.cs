using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.Validation;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace MagSleep.Api.Infrastructure.Observability;

/// <summary>
/// OpenTelemetry metrics: the framework's request duration by route template and status (so rates, latency, 401s
/// and 429s), its rate-limiter counters, and the content store's reloads and served version. Labels hold route
/// templates, methods, statuses and the content version only: never a path's values, a query or a body.
/// Nothing is collected unless an exporter is configured, so a service without one pays nothing per request.
/// </summary>
internal static class Metrics
{
    public const string ScrapePath = "/metrics";

    public static IServiceCollection AddApiMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedSettings<MetricsOptions>(MetricsOptions.Section);
        services.AddOptions<MetricsOptions>().Configure<IConfiguration>((o, c) => o.StandardOtlpEndpoint = c[MetricsOptions.StandardEndpoint]);
        var settings = Read(configuration);
        var otlp = !string.IsNullOrWhiteSpace(settings.OtlpEndpoint) || !string.IsNullOrWhiteSpace(configuration[MetricsOptions.StandardEndpoint]);
        // The OpenTelemetry calls are in methods of their own, so that without an exporter none of its assemblies is loaded.
        return settings.Prometheus || otlp ? AddOpenTelemetry(services, configuration, settings, otlp) : services;
    }

    /// <summary>The settings as registration needs them; a value the binder cannot read stops start-up in the start-up checks, naming its key.</summary>
    private static MetricsOptions Read(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        }
        catch (InvalidOperationException)
        {
            return new MetricsOptions();
        }
    }

    private static IServiceCollection AddOpenTelemetry(IServiceCollection services, IConfiguration configuration, MetricsOptions settings, bool otlp)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "magsleep"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddMeter(ContentStore.MeterName);
                if (settings.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter(exporter =>
                    {
                        if (!string.IsNullOrWhiteSpace(settings.OtlpEndpoint))
                        {
                            exporter.Endpoint = new Uri(settings.OtlpEndpoint);
                        }
                    });
                }
            });
        return services;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder routes)
    {
        return routes.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.Prometheus ? MapPrometheus(routes) : routes;
    }

    private static IEndpointRouteBuilder MapPrometheus(IEndpointRouteBuilder routes)
    {
        // For internal scrapers only, so not in the OpenAPI document; docs/deployment.md lists what it carries.
        // A scraper polls on its own schedule; counting it against its address would turn a busy dashboard into gaps.
        routes.MapPrometheusScrapingEndpoint(ScrapePath).WithName("GetMetrics").DisableRateLimiting();
        return routes;
    }
}
