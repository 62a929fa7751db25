using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using MagSleep.Api.Infrastructure.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure.Content;

/// <summary>
/// A content answer: the JSON of <typeparamref name="T"/> under a strong ETag of the bytes sent, in the coding the
/// client prefers. Written by hand because the framework's response compression sends the compressed body under the
/// plain body's strong ETag, which must name one sequence of bytes; behind the output cache (<see cref="ContentCache"/>)
/// each content version is rendered and compressed once per representation, and the cache answers the 304s.
/// </summary>
internal sealed class ContentResponse<T>(T value, string language, string mediaType, bool compress) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    private static readonly string Vary = $"{HeaderNames.AcceptLanguage}, {HeaderNames.Accept}";
    private static readonly string VaryWithCoding = $"{Vary}, {HeaderNames.AcceptEncoding}";

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var services = httpContext.RequestServices;
        var body = JsonSerializer.SerializeToUtf8Bytes(value, services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
        var response = httpContext.Response;
        var compressible = compress && body.Length >= ContentResponse.MinimumCompressedLength;
        if (compressible && ContentResponse.Compress(body, httpContext.Request.Headers.AcceptEncoding) is { } encoded)
        {
            response.Headers.ContentEncoding = encoded.Coding;
            body = encoded.Body;
        }

        var etag = ContentResponse.TagOf(mediaType, body);
        response.Headers.ETag = etag;
        response.Headers.CacheControl = services.GetRequiredService<IOptions<ContentOptions>>().Value.CacheControl;
        if (ContentResponse.ClientHas(httpContext.Request, etag))
        {
            // The output cache answers this from its entry; this is for the request it has none for yet (after a start
            // or a reload, or a HEAD before any), with what the cache's 304 carries.
            response.Headers.Vary = compressible ? VaryWithCoding : Vary;
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        LanguageNegotiation.WriteLanguageHeaders(response, language, compressible ? VaryWithCoding : Vary);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = mediaType + "; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }
}

internal static class ContentResponse
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";
    public const string Identity = "identity";

    /// <summary>Below this, the saved bytes are worth less than the extra header and the client's decoding.</summary>
    public const int MinimumCompressedLength = 1024;

    /// <summary>
    /// Compressed only when <paramref name="compress"/>: for bodies built wholly from our own content files. BREACH reads
    /// secrets from the compressed length of answers that also echo text the attacker chose; these echo none.
    /// </summary>
    public static ContentResponse<T> Of<T>(T value, string language, string mediaType = "application/json", bool compress = true) =>
        new(value, language, mediaType, compress);

    /// <summary>
    /// The strong tag of a representation as sent (RFC 9110 §8.8.3): the first 144 bits of the SHA-256 of its media
    /// type and bytes in URL-safe base64, quoted. The same bytes served as two media types are two representations.
    /// </summary>
    public static string TagOf(string mediaType, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(mediaType + "\n"));
        hash.AppendData(body);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        hash.GetHashAndReset(digest);
        return $"\"{Convert.ToBase64String(digest[..18]).Replace('+', '-').Replace('/', '_')}\"";
    }

    /// <summary>If-None-Match names <paramref name="etag"/> or is "*" (RFC 9110 §13.1.2: weak comparison).</summary>
    public static bool ClientHas(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(etag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }

    /// <summary>
    /// The acceptable coding with the highest q-value (RFC 9110 §12.5.3), Brotli before gzip when they tie; "*" stands
    /// for any coding not named, and "x-gzip" for gzip. The body as it is wins only when the client names "identity"
    /// with a higher q-value, when it accepts neither coding, or when the header cannot be parsed.
    /// </summary>
    public static string ChooseCoding(StringValues acceptEncoding)
    {
        if (acceptEncoding.Count == 0 || !StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var entries))
        {
            return Identity;
        }

        double? brotli = null, gzip = null, identity = null, any = null;
        foreach (var entry in entries)
        {
            var quality = entry.Quality ?? 1.0;
            var coding = entry.Value.Value;
            if (Is(coding, Brotli))
            {
                brotli = Math.Max(brotli ?? 0, quality);
            }
            else if (Is(coding, Gzip) || Is(coding, "x-gzip"))
            {
                gzip = Math.Max(gzip ?? 0, quality);
            }
            else if (Is(coding, Identity))
            {
                identity = Math.Max(identity ?? 0, quality);
            }
            else if (coding == "*")
            {
                any = Math.Max(any ?? 0, quality);
            }
        }

        var brotliQuality = brotli ?? any ?? 0;
        var gzipQuality = gzip ?? any ?? 0;
        var best = brotliQuality >= gzipQuality ? (Coding: Brotli, Quality: brotliQuality) : (Coding: Gzip, Quality: gzipQuality);
        return best.Quality > 0 && best.Quality >= (identity ?? 0) ? best.Coding : Identity;
    }

    private static bool Is(string? coding, string name) => string.Equals(coding, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The body in the coding the client prefers, or null to send it as it is (also when compressing would not make it smaller).</summary>
    internal static (string Coding, byte[] Body)? Compress(byte[] body, StringValues acceptEncoding)
    {
        var coding = ChooseCoding(acceptEncoding);
        if (coding == Identity)
        {
            return null;
        }

        using var output = new MemoryStream();
        using (Stream encoder = coding == Brotli
            ? new BrotliStream(output, new BrotliCompressionOptions { Quality = 11 }, leaveOpen: true)
            : new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            encoder.Write(body);
        }

        return output.Length < body.Length ? (coding, output.ToArray()) : null;
    }
}
