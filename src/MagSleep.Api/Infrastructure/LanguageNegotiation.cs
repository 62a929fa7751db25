using MagSleep.Core.Content;
using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure;

/// <summary>
/// Picks the response language: <c>?lang=</c> wins, then the Accept-Language entry with the highest q-value
/// that we serve, then English.
/// </summary>
internal static class LanguageNegotiation
{
    public static string Resolve(HttpRequest request, string? lang)
    {
        if (!string.IsNullOrWhiteSpace(lang))
        {
            return Map(lang) ?? Languages.English;
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage;
        string? best = null;
        var bestQuality = 0.0;
        foreach (var entry in accepted)
        {
            var quality = entry.Quality ?? 1.0;
            if (quality <= bestQuality)
            {
                continue;
            }

            if (Map(entry.Value.Value) is { } served)
            {
                best = served;
                bestQuality = quality;
            }
        }

        return best ?? Languages.English;
    }

    private static string? Map(string? tag)
    {
        if (tag is null)
        {
            return null;
        }

        tag = tag.Trim();
        if (tag.Equals("en", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
        {
            return Languages.English;
        }

        return tag.ToLowerInvariant() switch
        {
            "zh" or "zh-hans" or "zh-cn" or "zh-hans-cn" => Languages.SimplifiedChinese,
            _ => null,
        };
    }

    /// <summary>Resolves the language of a computed response and says so in its headers.</summary>
    public static string ForResponse(HttpContext context, string? lang)
    {
        var language = Resolve(context.Request, lang);
        WriteLanguageHeaders(context.Response, language, HeaderNames.AcceptLanguage);
        return language;
    }

    /// <summary>
    /// Says the response's language and, in one Vary header, what it varies by: <paramref name="vary"/> is
    /// Accept-Language, with any other request header the response also depends on.
    /// </summary>
    public static void WriteLanguageHeaders(HttpResponse response, string language, string vary)
    {
        response.Headers.ContentLanguage = language;
        response.Headers.Append(HeaderNames.Vary, vary);
    }
}
