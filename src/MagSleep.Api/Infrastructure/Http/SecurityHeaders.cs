using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure.Http;

internal static class SecurityHeaders
{
    /// <summary>No answer names the server software, Kestrel's own refusals (a 414, a 431) included.</summary>
    public static IWebHostBuilder WithoutServerHeader(this IWebHostBuilder host) =>
        host.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

    /// <summary>
    /// Headers every response carries, applied as the response starts so that error responses get them too.
    /// Health answers (<see cref="HealthDataAnswers"/>) are never stored by a browser, proxy or CDN. A 304 is the exception: it only
    /// updates a stored 200, which keeps the headers it came with unless the 304 replaces them (RFC 9111 §4.3.4),
    /// so repeating them would be bytes on every revalidation for nothing.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                if (http.Response.StatusCode == StatusCodes.Status304NotModified)
                {
                    return Task.CompletedTask;
                }

                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.ContentSecurityPolicy = ReferencePage.ContentSecurityPolicyFor(http.Request.Path);
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.Remove(HeaderNames.Server);
                if (HealthDataAnswers.Carries(http))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                    headers.Remove(HeaderNames.ETag);
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}
