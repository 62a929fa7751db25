using System.Diagnostics;
using Serilog;
using Serilog.Events;
using ILogger = Microsoft.Extensions.Logging.ILogger;
using MagSleep.Api.Infrastructure.Edge;

namespace MagSleep.Api.Infrastructure;

internal static partial class Logging
{
    /// <summary>Structured JSON lines on stdout. Levels come from the "Serilog" section of configuration.</summary>
    public static WebApplicationBuilder AddApiLogging(this WebApplicationBuilder builder)
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
            .WriteToStdout()
            .CreateLogger();

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddSerilog(logger, dispose: true);
        return builder;
    }

    /// <summary>
    /// Formatting and writing happen on a background worker, so a request never waits on stdout. The queue blocks
    /// rather than drops when full: a request line is never silently lost.
    /// </summary>
    private static LoggerConfiguration WriteToStdout(this LoggerConfiguration configuration) =>
        configuration.WriteTo.Async(
            sink => sink.Sink(new BufferedStdoutSink(new JsonLineFormatter(), Console.OpenStandardOutput(), TimeSpan.FromMilliseconds(200))),
            bufferSize: 100_000,
            blockWhenFull: true);

    /// <summary>One line per request. Bodies and query strings are never logged: they can hold a person's health answers.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) => app.UseMiddleware<RequestLoggingMiddleware>();

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.00} ms for {Caller}, trace {TraceId}")]
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
                    RequestFinished(logger, method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                        context.GetCaller().Partner ?? "anonymous", Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
                }
            }
        }
    }
}
