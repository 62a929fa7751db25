using System.Diagnostics;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using ILogger = Microsoft.Extensions.Logging.ILogger;
using MagSleep.Api.Infrastructure.Edge;

namespace MagSleep.Api.Infrastructure;

internal static partial class Logging
{
    /// <summary>Structured JSON lines on stdout (or <paramref name="output"/>). Levels come from the "Serilog" section of configuration.</summary>
    public static WebApplicationBuilder AddApiLogging(this WebApplicationBuilder builder, Stream? output = null)
    {
        var logger = new LoggerConfiguration()
            // Safe defaults for a deployment without appsettings.json; configuration may change them...
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("System", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            // ...except this one: the framework's request lines carry query strings, which hold search terms.
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
            .Enrich.With<TraceIdEnricher>()
            .WriteTo.Sink(new BufferedStdoutSink(output ?? Console.OpenStandardOutput(), TimeSpan.FromMilliseconds(200)))
            .CreateLogger();

        builder.Logging.ClearProviders();
        // The framework's per-request scope (request id, path, connection id) costs a push and a pop on every
        // request and is left out of our lines anyway; the trace id, the one part worth keeping, is added by
        // TraceIdEnricher.
        builder.Services.Configure<LoggerFilterOptions>(options => options.CaptureScopes = false);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddSerilog(logger, dispose: true);
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

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs} ms for {Caller}, trace {TraceId}")]
    public static partial void RequestFinished(ILogger logger, string method, string route, int statusCode, double elapsedMs, string caller, string traceId);

    private sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
    {
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
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                    RequestFinished(logger, method, route, context.Response.StatusCode, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2),
                        context.GetCaller().Partner ?? "anonymous", Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
                }
            }
        }
    }
}
