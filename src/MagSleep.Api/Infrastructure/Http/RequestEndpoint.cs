using Microsoft.AspNetCore.Diagnostics;

namespace MagSleep.Api.Infrastructure.Http;

internal static class RequestEndpoint
{
    /// <summary>The endpoint the request was routed to, also while the exception handler, which clears it, writes an error.</summary>
    public static Endpoint? RoutedEndpoint(this HttpContext context) =>
        context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
}
