namespace MagSleep.Api.Infrastructure;

internal static class HeadRequests
{
    /// <summary>
    /// HEAD is answered as the GET it mirrors, so clients can read an ETag or a Content-Length without the body.
    /// Only the method the application sees changes: Kestrel still knows the request was HEAD and sends no body.
    /// Must run before routing so the GET endpoint is matched.
    /// </summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Request.Method = HttpMethods.Get;
            }

            return next(context);
        });
}
