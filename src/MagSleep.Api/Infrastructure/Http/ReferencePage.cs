using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure.Http;

internal static class ReferencePage
{
    /// <summary>
    /// The reference page for frontend developers: plain files from wwwroot at "/". Revalidated on every load
    /// (the files carry ETags) so a deploy is seen at once without cache-busting names.
    /// API and health paths never hold a file, so they skip the two file middlewares, which look at every request.
    /// </summary>
    public static IApplicationBuilder UseReferencePage(this IApplicationBuilder app) =>
        app.UseWhen(context => !IsApiPath(context.Request.Path), page =>
        {
            page.UseDefaultFiles();
            page.UseStaticFiles(new StaticFileOptions
            {
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
            });
        });

    /// <summary>The page's entry file is in the web root (the app's own wwwroot/ when it runs from its folder or elsewhere).</summary>
    public static bool CanBeServed(IWebHostEnvironment environment) => environment.WebRootFileProvider.GetFileInfo("index.html").Exists;

    private static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || path.StartsWithSegments(Observability.Metrics.ScrapePath);

    /// <summary>
    /// API answers are data and may load nothing at all. The page runs only its own script and style and talks
    /// only to this origin. The explorer keeps the looser policy because Swagger UI injects styles.
    /// </summary>
    public static string ContentSecurityPolicyFor(PathString path) =>
        IsApiPath(path) ? "default-src 'none'; frame-ancestors 'none'"
        : path.StartsWithSegments("/swagger") ? "frame-ancestors 'none'"
        : "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}
