using System.Diagnostics;

namespace MagSleep.Api.Infrastructure;

internal static class ProblemDetailsSetup
{
    /// <summary>Every problem carries the trace id that is also on the request's log line, so a report can be matched to it.</summary>
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
}
