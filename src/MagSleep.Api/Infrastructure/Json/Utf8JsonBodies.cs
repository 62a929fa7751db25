using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure.Json;

internal static class Utf8JsonBodies
{
    /// <summary>
    /// A body is read only as a media type its endpoint names: routing would also take any <c>+json</c> type (a
    /// merge patch, a problem) for <c>application/json</c>. JSON between systems is UTF-8 (RFC 8259 §8.1). The
    /// framework's reader looks a JSON body's charset up with <see cref="Encoding.GetEncoding(string)"/> and fails
    /// with a 500 on a quoted <c>"utf-8"</c>, an alias it does not know or an encoding it cannot load, so the charset
    /// is checked here first: every spelling of UTF-8 is read as UTF-8, anything else is a 415. A body is read as
    /// sent, so one with a content coding (gzip) is a 415 too. Endpoints that read no body ignore all of this.
    /// </summary>
    public static IApplicationBuilder UseUtf8JsonBodies(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is not { ContentTypes.Count: > 0 } accepts)
            {
                return next(context);
            }

            var request = context.Request;
            if (HasContentCoding(request))
            {
                throw new BadHttpRequestException("The body has a content coding.", StatusCodes.Status415UnsupportedMediaType);
            }

            // Without a Content-Type the framework's binding answers 415; a reader of its own (the FHIR one) would guess.
            var contentType = request.ContentType ?? throw new BadHttpRequestException("The body has no media type.", StatusCodes.Status415UnsupportedMediaType);
            if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
                || !mediaType.MediaType.Value!.EndsWith("json", StringComparison.OrdinalIgnoreCase))
            {
                return next(context);
            }

            if (!accepts.ContentTypes.Contains(mediaType.MediaType.Value, StringComparer.OrdinalIgnoreCase))
            {
                throw new BadHttpRequestException("The body's media type is not one this endpoint reads.", StatusCodes.Status415UnsupportedMediaType);
            }

            if (!contentType.Contains("charset", StringComparison.OrdinalIgnoreCase))
            {
                return next(context);
            }

            var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset).Value;
            if (charset is null || !IsUtf8(charset) || mediaType.Parameters.Count(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)) > 1)
            {
                throw new BadHttpRequestException("The body's charset is not UTF-8.", StatusCodes.Status415UnsupportedMediaType);
            }

            if (!string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase) || mediaType.Charset.Value!.StartsWith('"'))
            {
                request.ContentType = mediaType.MediaType.Value;
            }

            return next(context);
        });

    /// <summary>A Content-Encoding other than identity: the 415 for it names the coding the API reads (RFC 9110 §15.5.16).</summary>
    public static bool HasContentCoding(HttpRequest request) =>
        request.Headers.ContentEncoding.Any(coding => !string.Equals(coding?.Trim(), "identity", StringComparison.OrdinalIgnoreCase));

    public static bool IsUtf8(string charset)
    {
        if (string.Equals(charset.Replace("-", "").Replace("_", ""), "utf8", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            return Encoding.GetEncoding(charset).CodePage == Encoding.UTF8.CodePage;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
