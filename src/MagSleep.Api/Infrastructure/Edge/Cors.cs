using MagSleep.Api.Infrastructure.Partners;
using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure.Edge;

internal static class Cors
{
    /// <summary>
    /// Browsers may call from the origins in Cors:AllowedOrigins. No credentials are ever allowed, so a wildcard
    /// can never be combined with cookies or authorization headers.
    /// </summary>
    public static IServiceCollection AddApiCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(options => options.AddDefaultPolicy(policy =>
        {
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(origins);
            }

            policy.WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Head)
                .WithHeaders("Content-Type", ApiKeys.Header, "Accept-Language", "If-None-Match")
                .WithExposedHeaders("ETag", "Content-Language", "Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromHours(1))
                .DisallowCredentials();
        }));
        return services;
    }

    /// <summary>
    /// CORS concerns only requests that carry an Origin, so the others (partners calling server to server, same-origin
    /// page loads) skip the middleware: it resolves its policy provider and fills the request's item dictionary on every
    /// request it sees, which was about 1 % of a cached GET.
    /// </summary>
    public static IApplicationBuilder UseApiCors(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Headers.ContainsKey(HeaderNames.Origin), cors => cors.UseCors());
}
