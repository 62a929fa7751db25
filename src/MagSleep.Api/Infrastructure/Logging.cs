using System.Diagnostics;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using MagSleep.Api.Infrastructure.Edge;

namespace MagSleep.Api.Infrastructure;

internal static class Logging
{
    /// <summary>The category of the one line written per request; set its level to Warning to turn request lines off.</summary>
    public const string RequestCategory = "MagSleep.Api.Requests";

    /// <summary>
    /// Structured JSON lines on stdout (or <paramref name="output"/>), plus any <see cref="ILogEventSink"/> registered as a
    /// service. Levels come from the "Serilog" section of configuration, read when the first logger is needed.
    /// </summary>
    public static WebApplicationBuilder AddApiLogging(this WebApplicationBuilder builder, Stream? output = null)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSingleton<Serilog.ILogger>(services =>
        {
            var logger = new LoggerConfiguration()
                // Safe defaults for a deployment without appsettings.json; configuration may change them...
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("System", LogEventLevel.Warning)
                .ReadFrom.Configuration(configuration)
                // ...except this one: the framework's request lines carry query strings, which hold search terms.
                .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
                .Enrich.With<TraceIdEnricher>()
                .WriteTo.Sink(new BufferedStdoutSink(output ?? Console.OpenStandardOutput(), TimeSpan.FromMilliseconds(200)));
            foreach (var sink in services.GetServices<ILogEventSink>())
            {
                logger.WriteTo.Sink(sink);
            }

            return logger.CreateLogger();
        });

        builder.Logging.ClearProviders();
        // The framework's per-request scope (request id, path, connection id) costs a push and a pop on every
        // request and is left out of our lines anyway; the trace id, the one part worth keeping, is added by
        // TraceIdEnricher.
        builder.Services.Configure<LoggerFilterOptions>(options => options.CaptureScopes = false);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        // The container owns the Serilog logger and disposes it, which writes out what is still buffered.
        builder.Services.AddSingleton<ILoggerProvider>(services => new SerilogLoggerProvider(services.GetRequiredService<Serilog.ILogger>(), dispose: false));
        return builder;
    }

    /// <summary>Ties any line written while serving a request (an unhandled exception, say) to that request's trace id.</summary>
    private sealed class TraceIdEnricher : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            if (!logEvent.Properties.ContainsKey("TraceId") && Activity.Current is { } activity)
            {
                logEvent.AddPropertyIfAbsent(new LogEventProperty("TraceId", new ScalarValue(activity.TraceId.ToHexString())));
            }
        }
    }

    /// <summary>One line per request. Bodies and query strings are never logged: they can hold a person's health answers.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) => app.UseMiddleware<RequestLoggingMiddleware>();

    /// <summary>
    /// Writes its line as a prepared Serilog event (<see cref="RequestLine"/>) rather than through
    /// Microsoft.Extensions.Logging: the adapter's per-call work (template lookup, state enumeration, event id, local
    /// time) was a tenth of a cached GET's cost.
    /// </summary>
    private sealed class RequestLoggingMiddleware(RequestDelegate next, Serilog.ILogger logger)
    {
        // Carries the category both ways: level overrides for it apply, and each event gets it as SourceContext.
        private readonly Serilog.ILogger _logger = logger.ForContext(Constants.SourceContextPropertyName, RequestCategory);

        public async Task InvokeAsync(HttpContext context)
        {
            var started = Stopwatch.GetTimestamp();
            var method = context.Request.Method;
            try
            {
                await next(context);
            }
            finally
            {
                if (_logger.IsEnabled(LogEventLevel.Information))
                {
                    Write(context, method, Stopwatch.GetElapsedTime(started));
                }
            }
        }

        private void Write(HttpContext context, string method, TimeSpan elapsed) =>
            _logger.Write(RequestLine.Event(
                method,
                (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText,
                context.Response.StatusCode,
                elapsed,
                context.GetCaller().Partner,
                Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier));
    }
}
