namespace MagSleep.Api.Infrastructure;

internal static class HeadRequests
{
    /// <summary>
    /// HEAD is answered as the GET it mirrors, so clients can read an ETag or a Content-Length without the body.
    /// Only the method the application sees changes; Kestrel still knows the request was HEAD and sends no body,
    /// and responses that write their own bytes skip them (<see cref="IsHead"/>). Must run before routing.
    /// </summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Features.Set(HeadRequest.Instance);
                context.Request.Method = HttpMethods.Get;
            }

            return next(context);
        });

    public static bool IsHead(HttpContext context) => context.Features.Get<HeadRequest>() is not null;

    private sealed class HeadRequest
    {
        public static readonly HeadRequest Instance = new();
    }
}
