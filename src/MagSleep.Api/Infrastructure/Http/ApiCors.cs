using MagSleep.Api.Infrastructure.Partners;
using MagSleep.Api.Infrastructure.Validation;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure.Http;

/// <summary>
/// Browsers may call from the origins in Cors:AllowedOrigins. No credentials are ever allowed, so a wildcard
/// can never be combined with cookies or authorization headers.
/// </summary>
internal sealed class ApiCors(CorsPolicy policy)
{
    public bool Enabled => policy.AllowAnyOrigin || policy.Origins.Count > 0;

    /// <summary>The Access-Control-Allow-Origin this request gets: its origin, "*", or nothing.</summary>
    public string AllowedOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || !policy.IsOriginAllowed(origin) ? "" : policy.AllowAnyOrigin ? "*" : origin;
    }

    /// <summary>
    /// An answer a shared cache may keep must say that it varies by Origin, or the cache could hand a browser app one
    /// made for another origin, or for none, without the Access-Control-Allow-Origin it needs.
    /// </summary>
    public static void VaryByOrigin(HttpResponse response)
    {
        var headers = response.Headers;
        var cacheControl = headers.CacheControl.ToString();
        // A health answer is made no-store by SecurityHeaders, whose callback runs after this one.
        if (HealthDataAnswers.Carries(response.HttpContext)
            || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase) || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var vary = headers.Vary.ToString();
        if (!vary.Split(',', StringSplitOptions.TrimEntries).Any(v => v.Equals(HeaderNames.Origin, StringComparison.OrdinalIgnoreCase) || v == "*"))
        {
            headers.Vary = vary.Length == 0 ? HeaderNames.Origin : $"{vary}, {HeaderNames.Origin}";
        }
    }
}

internal static class ApiCorsExtensions
{
    public static IServiceCollection AddApiCors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedSettings<CorsSettings>(CorsSettings.Section);
        string[] origins = [.. (configuration.GetSection($"{CorsSettings.Section}:{nameof(CorsSettings.AllowedOrigins)}").Get<string[]>() ?? []).Where(o => !string.IsNullOrWhiteSpace(o))];
        var policy = new CorsPolicyBuilder();
        if (origins.Contains("*"))
        {
            policy.AllowAnyOrigin();
        }
        else
        {
            policy.WithOrigins(origins);
        }

        var built = policy.WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Head)
            .WithHeaders("Content-Type", ApiKeys.Header, "Accept-Language", "If-None-Match")
            .WithExposedHeaders("ETag", "Content-Language", "Retry-After", "Age")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))
            .DisallowCredentials()
            .Build();
        services.AddSingleton(new ApiCors(built));
        services.AddCors(options => options.AddDefaultPolicy(built));
        return services;
    }

    /// <summary>
    /// CORS concerns only requests that carry an Origin, so the others (partners calling server to server, same-origin
    /// page loads) skip the middleware, which resolves its policy provider and fills the request's items on every request it sees.
    /// </summary>
    public static IApplicationBuilder UseApiCors(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<ApiCors>().Enabled)
        {
            app.Use((context, next) =>
            {
                context.Response.OnStarting(static response =>
                {
                    ApiCors.VaryByOrigin((HttpResponse)response);
                    return Task.CompletedTask;
                }, context.Response);
                return next(context);
            });
        }

        return app.UseWhen(context => context.Request.Headers.ContainsKey(HeaderNames.Origin), cors => cors.UseCors());
    }
}
