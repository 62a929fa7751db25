using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure.Http;

internal static class AcceptHeader
{
    /// <summary>
    /// Whether Accept names <paramref name="mediaType"/> (in any case) with a quality above 0 in an entry that
    /// <paramref name="fits"/>, when given, also allows.
    /// </summary>
    public static bool AsksFor(this HttpRequest request, string mediaType, Func<MediaTypeHeaderValue, bool>? fits = null) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase)
            && (accept.Quality ?? 1) > 0 && (fits?.Invoke(accept) ?? true));
}
