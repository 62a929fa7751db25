using System.IO.Compression;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure;

/// <summary>One compressed form of a body: its content coding, its bytes and a strong tag of its own.</summary>
internal sealed class EncodedBody
{
    public EncodedBody(string coding, byte[] body)
    {
        Coding = coding;
        Body = body;
        // Each encoding is its own representation, so it gets the tag of its own bytes, not the plain body's.
        ETag = EntityTags.OfBody(body);
    }

    public string Coding { get; }

    public byte[] Body { get; }

    public string ETag { get; }
}

/// <summary>
/// The Brotli and gzip forms of a body served many times, each made once, the first time a client accepts it, so a
/// request pays nothing for compression. Only bodies built wholly from our own content files are given one. BREACH
/// reads secrets from the compressed length of responses that also echo text the attacker chose; these echo none.
/// </summary>
internal sealed class PrecompressedBodies
{
    /// <summary>Below this, the saved bytes are worth less than the extra header and the client's decoding.</summary>
    public const int MinimumLength = 1024;

    private const int BrotliQuality = 11;
    private const int BrotliWindowBits = 22;

    private readonly Lazy<EncodedBody?> _brotli;
    private readonly Lazy<EncodedBody?> _gzip;

    private PrecompressedBodies(byte[] body)
    {
        _brotli = new(() => IfSmaller(body, ContentCodings.Brotli, Brotli(body)));
        _gzip = new(() => IfSmaller(body, ContentCodings.Gzip, Gzip(body)));
    }

    public static PrecompressedBodies? Of(byte[] body) => body.Length >= MinimumLength ? new PrecompressedBodies(body) : null;

    /// <summary>The form to send for this Accept-Encoding, or null for the body as it is.</summary>
    public EncodedBody? For(StringValues acceptEncoding) => ContentCodings.Choose(acceptEncoding) switch
    {
        ContentCodings.Brotli => _brotli.Value,
        ContentCodings.Gzip => _gzip.Value,
        _ => null,
    };

    private static EncodedBody? IfSmaller(byte[] body, string coding, byte[] encoded) =>
        encoded.Length < body.Length ? new EncodedBody(coding, encoded) : null;

    private static byte[] Brotli(byte[] body)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
        if (!BrotliEncoder.TryCompress(body, output, out var written, BrotliQuality, BrotliWindowBits))
        {
            throw new InvalidOperationException("Brotli could not compress a body into its own maximum compressed length.");
        }

        return output[..written];
    }

    private static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }
}

/// <summary>Picks a content coding from Accept-Encoding (RFC 9110 §12.5.3).</summary>
internal static class ContentCodings
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";
    public const string Identity = "identity";

    /// <summary>
    /// The acceptable coding with the highest q-value, Brotli before gzip when they tie; "*" stands for any coding
    /// not named, and "x-gzip" for gzip. The body as it is wins only when the client names "identity" with a higher
    /// q-value, when it accepts neither coding, or when the header cannot be parsed.
    /// </summary>
    public static string Choose(StringValues acceptEncoding)
    {
        if (acceptEncoding.Count == 0 || !StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var entries))
        {
            return Identity;
        }

        double? brotli = null, gzip = null, identity = null, any = null;
        foreach (var entry in entries)
        {
            var quality = entry.Quality ?? 1.0;
            var coding = entry.Value.AsSpan();
            if (coding.Equals(Brotli, StringComparison.OrdinalIgnoreCase))
            {
                brotli = Math.Max(brotli ?? 0, quality);
            }
            else if (coding.Equals(Gzip, StringComparison.OrdinalIgnoreCase) || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = Math.Max(gzip ?? 0, quality);
            }
            else if (coding.Equals(Identity, StringComparison.OrdinalIgnoreCase))
            {
                identity = Math.Max(identity ?? 0, quality);
            }
            else if (coding.Equals("*", StringComparison.Ordinal))
            {
                any = Math.Max(any ?? 0, quality);
            }
        }

        var brotliQuality = brotli ?? any ?? 0;
        var gzipQuality = gzip ?? any ?? 0;
        var best = brotliQuality >= gzipQuality ? (Coding: Brotli, Quality: brotliQuality) : (Coding: Gzip, Quality: gzipQuality);
        return best.Quality > 0 && best.Quality >= (identity ?? 0) ? best.Coding : Identity;
    }
}
