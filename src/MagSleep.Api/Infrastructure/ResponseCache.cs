using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

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
        var body = JsonSerializer.SerializeToUtf8Bytes(value, ApiJson.Options);
        var hash = SHA256.HashData(body);
        return new RenderedJson(body, $"\"{Convert.ToBase64String(hash, 0, 18).Replace('+', '-').Replace('/', '_')}\"");
    }
}

/// <summary>Responses that depend only on the content version, rendered once and then served as bytes.</summary>
internal sealed class ResponseCache
{
    private readonly ConcurrentDictionary<string, RenderedJson> _rendered = new(StringComparer.Ordinal);

    /// <summary>Keys must come from a bounded set (slugs, section ids and languages that exist), never from free client text.</summary>
    public RenderedJson GetOrRender<T>(string key, Func<T> render) => _rendered.GetOrAdd(key, static (_, r) => RenderedJson.From(r()), render);
}
