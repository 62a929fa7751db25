using MagSleep.Api.Infrastructure.Http;
using MagSleep.Api.Infrastructure.Partners;
using MagSleep.Api.Infrastructure.Observability;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Templates;

namespace MagSleep.Api.Infrastructure.Logging;

internal static class ApiLogging
{
    /// <summary>The category of the one line written per request; set its level to Warning to turn request lines off.</summary>
    public const string RequestCategory = "Serilog.AspNetCore.RequestLoggingMiddleware";

    /// <summary>
    /// One JSON object a line: time (UTC), level, category, the rendered message, the exception, then the event's
    /// properties and the trace id. The framework's request scope (request id, path, connection id) is left out: a
    /// path can hold what a client typed. Request lines, the bulk of the log, name their fields rather than spreading
    /// and pruning the properties, so a property added to request lines must be named here too.
    /// </summary>
    public static readonly ITextFormatter JsonLines = new ExpressionTemplate(
        $"{{#if SourceContext = '{RequestCategory}'}}"
        + "{ {time: UtcDateTime(@t), level: @l, category: SourceContext, message: @m, exception: @x, "
        + "Method: Method, Route: Route, StatusCode: StatusCode, ElapsedMs: ElapsedMs, Caller: Caller, TraceId: coalesce(TraceId, @tr)} }\n"
        + "{#else}"
        + "{ {time: UtcDateTime(@t), level: @l, category: SourceContext, message: @m, exception: @x, "
        + "..@p, SourceContext: undefined(), EventId: undefined(), RequestId: undefined(), RequestPath: undefined(), "
        + "ConnectionId: undefined(), TraceId: coalesce(TraceId, @tr)} }\n"
        + "{#end}");

    /// <summary>A line reaches stdout within a fifth of a second; under load a batch holds up to a thousand.</summary>
    private static readonly BatchingOptions Batching = new() { BufferingTimeLimit = TimeSpan.FromMilliseconds(200), EagerlyEmitFirstEvent = true };

    /// <summary>
    /// Structured JSON lines on stdout, written off the request thread. Levels, and any further sinks, come from the
    /// "Serilog" section of configuration; so do <see cref="Serilog.Core.ILogEventSink"/>s registered as services.
    /// </summary>
    public static WebApplicationBuilder AddApiLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        var settings = new SerilogSettings();
        builder.Services.AddSingleton(settings);
        // Not the static Log.Logger, so hosts in one process (tests) each keep their own.
        builder.Services.AddSerilog((services, logger) => settings.Read(logger
            // Safe defaults for a deployment without appsettings.json; configuration may change them...
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("System", LogEventLevel.Warning), builder.Configuration)
            .ReadFrom.Services(services)
            // ...except these: the framework's request lines carry query strings, which hold search terms, and
            // Kestrel's debug lines on a refused request quote its request line or header.
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore.Server.Kestrel", LogEventLevel.Warning)
            // The most specific override wins, so the category that quotes a refused request is pinned by its own name.
            .MinimumLevel.Override("Microsoft.AspNetCore.Server.Kestrel.BadRequests", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore.Routing", LogEventLevel.Warning)
            .WriteTo.Sink(new StdoutBatchSink(JsonLines, Console.OpenStandardOutput()), Batching),
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>A method is any token a client chooses, so only the standard ones (RFC 9110 §9) are logged by name.</summary>
    private static readonly HashSet<string> StandardMethods =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch, HttpMethods.Options, HttpMethods.Trace, HttpMethods.Connect];

    /// <summary>
    /// One line per request with the route template, never the path: paths and query strings can hold a person's
    /// health answers (search terms). Bodies and headers are never logged; a partner is named, its key never.
    /// </summary>
    public static IApplicationBuilder UseApiRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.00} ms for {Caller}";
            options.GetMessageTemplateProperties = (context, _, elapsedMs, statusCode) =>
            [
                new LogEventProperty("Method", new ScalarValue(StandardMethods.Contains(context.Request.Method) ? context.Request.Method : "(other)")),
                new LogEventProperty("StatusCode", new ScalarValue(statusCode)),
                new LogEventProperty("ElapsedMs", new ScalarValue(elapsedMs)),
            ];
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                diagnostics.Set("Route", RouteNames.Of(context.RoutedEndpoint()) ?? "(no route)");
                diagnostics.Set("Caller", context.GetCaller().Partner ?? "anonymous");
            };
        });
}
