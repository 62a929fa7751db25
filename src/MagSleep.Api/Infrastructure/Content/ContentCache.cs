using MagSleep.Api.Infrastructure.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure.Content;

/// <summary>
/// Content answers are kept by the framework's output cache, which also answers If-None-Match with 304 from what it
/// keeps. Entries are keyed by the content version and by what was negotiated, never by the raw request headers: each
/// other Accept-Language or Accept-Encoding a client made up would otherwise be a new entry to render and compress.
/// Search and POST answers are health data and never use this.
/// </summary>
internal sealed class ContentCache(string[] queryKeys, Func<HttpRequest, string>? mediaType) : IOutputCachePolicy
{
    public const string Tag = "content";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        // Entries also leave when their content is replaced. A kept answer is sent with its Age, so one kept longer
        // than its max-age would reach the client already stale.
        var maxAge = http.RequestServices.GetRequiredService<IOptions<ContentOptions>>().Value.MaxAgeSeconds;
        context.AllowCacheStorage = maxAge > 0;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(Math.Max(1, maxAge));
        // The answers carry no Last-Modified, so there is no date for If-Modified-Since to be compared with; the
        // output cache would compare it with when it stored the entry, and answer 304 to any later date.
        request.Headers.IfModifiedSince = default;
        context.Tags.Add(Tag);
        var vary = context.CacheVaryByRules;
        vary.VaryByHost = false;
        vary.QueryKeys = queryKeys;
        vary.VaryByValues["content"] = http.RequestServices.GetRequiredService<ContentStore>().Current.Version;
        vary.VaryByValues["language"] = LanguageNegotiation.Resolve(request, request.Query["lang"]);
        vary.VaryByValues["coding"] = ContentResponse.ChooseCoding(request.Headers.AcceptEncoding);
        vary.VaryByValues["media"] = mediaType?.Invoke(request) ?? "";
        vary.VaryByValues["origin"] = http.RequestServices.GetRequiredService<ApiCors>().AllowedOrigin(request);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // An answer from a version replaced mid-request is not kept: the reload has emptied the cache of that
        // version, and no request would look it up again.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie)
            || !context.HttpContext.RequestServices.GetRequiredService<ContentStore>().CurrentIsServed)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

internal static class ContentCacheExtensions
{
    // Ids and slugs are case-sensitive: /forms/GLYCINATE is a 404, so it must not find /forms/glycinate's entry.
    public static IServiceCollection AddContentCache(this IServiceCollection services) => services.AddOutputCache(o => o.UseCaseSensitivePaths = true);

    /// <summary>After the edge (keys, limits, CORS), so a cached answer is still counted and checked; a reload frees the old version's entries.</summary>
    public static IApplicationBuilder UseContentCache(this IApplicationBuilder app)
    {
        var cache = app.ApplicationServices.GetRequiredService<IOutputCacheStore>();
        app.ApplicationServices.GetRequiredService<ContentStore>().Reloaded += () => _ = cache.EvictByTagAsync(ContentCache.Tag, CancellationToken.None);
        return app.UseOutputCache();
    }

    /// <summary>
    /// Keeps this route's answers in the output cache. <paramref name="queryKeys"/> are the query parameters, besides
    /// <c>lang</c>, that change the answer; <paramref name="mediaType"/> picks the media type when there is more than one.
    /// </summary>
    public static RouteHandlerBuilder CacheAsContent(this RouteHandlerBuilder route, string[]? queryKeys = null, Func<HttpRequest, string>? mediaType = null) =>
        route.CacheOutput(new ContentCache(queryKeys ?? [], mediaType));
}
