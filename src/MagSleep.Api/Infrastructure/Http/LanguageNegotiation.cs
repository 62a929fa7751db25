using MagSleep.Api.Infrastructure.Content;
using MagSleep.Core.Content;
using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure.Http;

/// <summary>
/// Picks the response language from the languages of the content being served: <c>?lang=</c> wins, then the
/// Accept-Language entry with the highest q-value that we serve, then the default language. A tag means a served
/// language when it is its tag or one of its aliases, in any case (rules/ruleset.json lists them).
/// </summary>
internal static partial class LanguageNegotiation
{
    /// <summary>The tag <paramref name="lang"/> holds when it is exactly one; null otherwise.</summary>
    public static string? OneTag(Microsoft.Extensions.Primitives.StringValues lang) =>
        lang.Count == 1 && LanguageTag().IsMatch(lang[0]!) ? lang[0] : null;

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial System.Text.RegularExpressions.Regex LanguageTag();

    public static string Resolve(HttpRequest request, string? lang)
    {
        var languages = request.HttpContext.RequestServices.GetRequiredService<ContentStore>().Current.Languages;
        if (!string.IsNullOrWhiteSpace(lang))
        {
            return languages.Match(lang) ?? languages.Default;
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

            if (languages.Match(entry.Value.Value) is { } served)
            {
                best = served;
                bestQuality = quality;
            }
        }

        return best ?? languages.Default;
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
        // A handler that negotiated and then failed is told again by its problem; Vary says each name once.
        if (response.Headers.Vary is { Count: > 0 } present)
        {
            var named = present.ToString().Split(',', StringSplitOptions.TrimEntries);
            if (vary.Split(',', StringSplitOptions.TrimEntries).All(name => named.Contains(name, StringComparer.OrdinalIgnoreCase)))
            {
                return;
            }
        }

        response.Headers.Append(HeaderNames.Vary, vary);
    }
}
