using System.Collections.Concurrent;
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
        using var buffer = PooledBuffer.Json(value, Writer<T>.TypeInfo, 8192);
        var body = buffer.WrittenSpan.ToArray();
        var hash = SHA256.HashData(body);
        return new RenderedJson(body, $"\"{Convert.ToBase64String(hash, 0, 18).Replace('+', '-').Replace('/', '_')}\"");
    }

    /// <summary>
    /// Bodies rendered per request (search results) have a generated writer on <see cref="ComputedJsonContext"/>, which
    /// writes the same bytes (tested); bodies rendered once per content version use the general settings.
    /// </summary>
    internal static class Writer<T>
    {
        public static readonly JsonTypeInfo<T> TypeInfo =
            (JsonTypeInfo<T>)(ComputedJsonContext.Default.GetTypeInfo(typeof(T)) ?? ApiJson.Options.GetTypeInfo(typeof(T)));
    }
}

/// <summary>Responses that depend only on the content version, rendered once and then served as bytes.</summary>
internal sealed class ResponseCache
{
    private readonly ConcurrentDictionary<string, RenderedJson> _rendered = new(StringComparer.Ordinal);

    /// <summary>Keys must come from a bounded set (slugs, section ids and languages that exist), never from free client text.</summary>
    public RenderedJson GetOrRender<T>(string key, Func<T> render) => _rendered.GetOrAdd(key, static (_, r) => RenderedJson.From(r()), render);
}
