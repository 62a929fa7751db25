using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure;

internal static class ReferencePage
{
    /// <summary>
    /// The reference page for frontend developers: plain files from wwwroot at "/". Revalidated on every load
    /// (the files carry ETags) so a deploy is seen at once without cache-busting names.
    /// </summary>
    public static IApplicationBuilder UseReferencePage(this IApplicationBuilder app)
    {
        app.UseDefaultFiles();
        return app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
    }

    /// <summary>
    /// API answers are data and may load nothing at all. The page runs only its own script and style and talks
    /// only to this origin. The explorer keeps the looser policy because Swagger UI injects styles.
    /// </summary>
    public static string ContentSecurityPolicyFor(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/health") ? "default-src 'none'; frame-ancestors 'none'"
        : path.StartsWithSegments("/swagger") ? "frame-ancestors 'none'"
        : "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}
