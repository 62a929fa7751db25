using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json.Serialization.Metadata;

namespace MagSleep.Api.Infrastructure;

/// <summary>A rendered JSON body and its strong entity tag.</summary>
internal sealed class RenderedJson
{
    private RenderedJson(byte[] body, string etag)
    {
        Body = body;
        ETag = etag;
    }

    public byte[] Body { get; }

    public string ETag { get; }

    public static RenderedJson From<T>(T value)
    {
        using var buffer = PooledBuffer.Json(value, (JsonTypeInfo<T>)ApiJson.Options.GetTypeInfo(typeof(T)), 8192);
        var body = buffer.WrittenSpan.ToArray();
        return new RenderedJson(body, EntityTags.OfBody(body));
    }
}

internal static class EntityTags
{
    /// <summary>
    /// What, besides the request, decides the bytes of an answer computed per request: this build of the API and the
    /// engine (deterministic builds give each distinct build its own module id) and the runtime that serializes.
    /// </summary>
    private static readonly string Build = string.Join(' ',
        typeof(EntityTags).Assembly.ManifestModule.ModuleVersionId,
        typeof(MagSleep.Core.Content.ArticleSearch).Assembly.ManifestModule.ModuleVersionId,
        Environment.Version);

    /// <summary>The strong tag of a body as sent: it names that one sequence of bytes (RFC 9110 §8.8.3).</summary>
    public static string OfBody(ReadOnlySpan<byte> body)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, digest);
        return Of(digest);
    }

    /// <summary>A strong tag from a digest: its first 144 bits in URL-safe base64, quoted.</summary>
    public static string Of(ReadOnlySpan<byte> digest)
    {
        Span<char> tag = stackalloc char[26];
        tag[0] = '"';
        Convert.TryToBase64Chars(digest[..18], tag[1..], out _);
        tag[1..25].Replace('+', '-');
        tag[1..25].Replace('/', '_');
        tag[25] = '"';
        return new string(tag);
    }

    /// <summary>
    /// A strong tag for an answer that is a pure function of <paramref name="inputs"/> and the content version, known
    /// before the answer is computed, so a client that already has it is answered 304 without the work. The inputs are
    /// hashed in a scratch buffer and kept nowhere.
    /// </summary>
    public static string ForInputs(string contentVersion, ReadOnlySpan<string> inputs)
    {
        var size = Measure(Build) + Measure(contentVersion);
        foreach (var input in inputs)
        {
            size += Measure(input);
        }

        var rented = size > 2048 ? ArrayPool<byte>.Shared.Rent(size) : null;
        try
        {
            var bytes = rented ?? stackalloc byte[2048];
            var written = Append(bytes, 0, Build);
            written = Append(bytes, written, contentVersion);
            foreach (var input in inputs)
            {
                written = Append(bytes, written, input);
            }

            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..written], digest);
            return Of(digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    private static int Measure(string input) => sizeof(int) + input.Length * sizeof(char);

    /// <summary>Each input as its length and then its UTF-16 code units, so no two lists of inputs hash the same bytes.</summary>
    private static int Append(Span<byte> bytes, int at, string input)
    {
        BinaryPrimitives.WriteInt32LittleEndian(bytes[at..], input.Length);
        MemoryMarshal.AsBytes(input.AsSpan()).CopyTo(bytes[(at + sizeof(int))..]);
        return at + Measure(input);
    }
}

/// <summary>
/// Which response, of those that depend only on the content version: what kind, in which language, and of which item.
/// A value, so finding a response allocates nothing. Each kind names one endpoint's body, and so one body type.
/// </summary>
internal readonly record struct ResponseKey(string Kind, string Language, string? Item = null, string? Part = null);

/// <summary>Responses that depend only on the content version, rendered once and then served as the same bytes and result.</summary>
internal sealed class ResponseCache
{
    private readonly ConcurrentDictionary<ResponseKey, object> _responses = new();

    /// <summary>
    /// Keys must come from a bounded set (slugs, section ids and languages that exist), never from free client text.
    /// <paramref name="render"/> gets its inputs as <paramref name="state"/> rather than capturing them, so a request
    /// that finds its response allocates no closure either.
    /// </summary>
    public ContentResponse<T> GetOrRender<T, TState>(ResponseKey key, TState state, Func<TState, T> render, string mediaType) =>
        (ContentResponse<T>)_responses.GetOrAdd(
            key,
            static (key, args) => new ContentResponse<T>(RenderedJson.From(args.render(args.state)), key.Language, args.mediaType, servedMany: true),
            (state, render, mediaType));
}
