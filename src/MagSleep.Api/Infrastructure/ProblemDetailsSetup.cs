using System.Diagnostics;

namespace MagSleep.Api.Infrastructure;

internal static class ProblemDetailsSetup
{
    /// <summary>Every problem carries the trace id that is also on the request's log line, so a report can be matched to it.</summary>
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });

        // Binding failures become exceptions so that BadRequestHandler can name the field in the problem.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestHandler>();
        return services;
    }
}
