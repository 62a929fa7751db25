namespace MagSleep.Api.Infrastructure.Http;

/// <summary>
/// Answers that say something about a person: every POST answer, and a GET marked with
/// <see cref="WithHealthDataAnswers"/> (search terms do). <see cref="SecurityHeaders"/> sends them no-store, CORS
/// does not vary them by Origin, and the OpenAPI document says so.
/// </summary>
internal static class HealthDataAnswers
{
    private sealed class Marker;

    private static readonly Marker Mark = new();

    public static RouteHandlerBuilder WithHealthDataAnswers(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(Mark);

    public static bool IsMarked(IEnumerable<object> metadata) => metadata.OfType<Marker>().Any();

    public static bool Carries(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) || context.RoutedEndpoint()?.Metadata.GetMetadata<Marker>() is not null;
}
