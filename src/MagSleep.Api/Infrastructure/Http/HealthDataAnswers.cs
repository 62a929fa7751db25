namespace MagSleep.Api.Infrastructure.Http;

/// <summary>
/// Marks a GET whose answer says something about a person (search terms do): it is sent with
/// <c>Cache-Control: no-store</c>, as every POST answer is, and documented so.
/// </summary>
internal static class HealthDataAnswers
{
    private static readonly object Mark = new();

    public static bool IsMarked(IEnumerable<object> metadata) => metadata.Contains(Mark);

    public static RouteHandlerBuilder WithHealthDataAnswers(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(Mark).AddEndpointFilter((context, next) =>
        {
            // No browser, proxy or CDN may keep it.
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return next(context);
        });
}
