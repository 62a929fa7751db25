using Microsoft.AspNetCore.Mvc;

namespace MagSleep.Api.Infrastructure.Partners;

internal static class ApiKeys
{
    public const string Header = "X-Api-Key";

    public static Caller GetCaller(this HttpContext context) => context.Features.Get<Caller>() ?? Caller.Anonymous;

    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiKeyOptions>(configuration.GetSection(ApiKeyOptions.Section));
        services.AddSingleton<PartnerDirectory>();
        return services;
    }

    /// <summary>
    /// Names the partner whose key a request carries. A key that matches none is marked, not refused yet, so the
    /// rate limiter counts the attempt against the caller's address first (<see cref="RefuseUnknownApiKeys"/>).
    /// </summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app)
    {
        // Made here rather than on the first keyed request, so a broken key configuration stops start-up instead
        // of turning every partner's request into a 500.
        var partners = app.ApplicationServices.GetRequiredService<PartnerDirectory>();
        return app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var sent))
            {
                context.Features.Set(partners.Find(sent.ToString()) is { } partner ? new Caller(partner) : Caller.WrongKey);
            }

            return next(context);
        });
    }

    /// <summary>After the rate limiter: a request with a key must carry a known one, never treated as anonymous.</summary>
    public static IApplicationBuilder RefuseUnknownApiKeys(this IApplicationBuilder app) =>
        app.Use((context, next) => context.GetCaller().KeyRefused ? Refuse(context) : next(context));

    private static Task Refuse(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "unauthorized",
            },
        }).AsTask();
    }
}
