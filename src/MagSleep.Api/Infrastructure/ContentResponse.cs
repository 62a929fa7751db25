using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure;

/// <summary>
/// A content response with a strong ETag, served as 304 when the client already has it: either JSON rendered
/// beforehand, or JSON rendered only when it must be sent, under a tag known before it is rendered.
/// <typeparamref name="T"/> is the shape of the body, declared for OpenAPI.
/// </summary>
internal sealed class ContentResponse<T> : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    private static readonly string VaryByLanguageAndMediaType = $"{HeaderNames.AcceptLanguage}, {HeaderNames.Accept}";
    private static readonly string VaryByLanguageMediaTypeAndCoding = $"{VaryByLanguageAndMediaType}, {HeaderNames.AcceptEncoding}";

    private readonly string _etag;
    private readonly RenderedJson? _rendered;
    private readonly PrecompressedBodies? _compressed;
    private readonly Func<PooledBuffer>? _render;
    private readonly string _language;
    private readonly string _mediaType;
    private readonly string _vary;

    /// <summary>
    /// A rendered body. One kept and served to many requests (<paramref name="servedMany"/>) is also offered compressed,
    /// its compressed forms made once for all of them; one made for a single request is sent as it is.
    /// </summary>
    public ContentResponse(RenderedJson json, string language, string mediaType = "application/json", bool servedMany = false)
        : this(json.ETag, json, servedMany ? PrecompressedBodies.Of(json.Body) : null, null, language, mediaType)
    {
    }

    public ContentResponse(string etag, Func<PooledBuffer> render, string language)
        : this(etag, null, null, render, language, "application/json")
    {
    }

    private ContentResponse(string etag, RenderedJson? rendered, PrecompressedBodies? compressed, Func<PooledBuffer>? render, string language, string mediaType)
    {
        _etag = etag;
        _rendered = rendered;
        _compressed = compressed;
        _render = render;
        _language = language;
        _mediaType = mediaType;
        _vary = compressed is null ? VaryByLanguageAndMediaType : VaryByLanguageMediaTypeAndCoding;
    }

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        var headers = response.Headers;
        var encoded = _compressed?.For(request.Headers.AcceptEncoding);
        var etag = encoded?.ETag ?? _etag;
        headers.ETag = etag;
        headers.CacheControl = httpContext.RequestServices.GetRequiredService<IOptions<ContentOptions>>().Value.CacheControl;
        if (ClientHasIt(request, etag))
        {
            // Only what updates the stored response: its Content-Language is representation metadata, which a 304
            // leaves out (RFC 9110 §15.4.5), while Vary must stay, as the 200 would have sent it.
            headers.Append(HeaderNames.Vary, _vary);
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        LanguageNegotiation.WriteLanguageHeaders(response, _language, _vary);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = _mediaType + "; charset=utf-8";
        if (_rendered is { } json)
        {
            var body = json.Body;
            if (encoded is not null)
            {
                headers.ContentEncoding = encoded.Coding;
                body = encoded.Body;
            }

            response.ContentLength = body.Length;
            return HeadRequests.IsHead(httpContext)
                ? Task.CompletedTask
                : response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }

        return RenderAndSend(httpContext, _render!);
    }

    private static async Task RenderAndSend(HttpContext httpContext, Func<PooledBuffer> render)
    {
        using var body = render();
        httpContext.Response.ContentLength = body.WrittenCount;
        if (!HeadRequests.IsHead(httpContext))
        {
            await httpContext.Response.Body.WriteAsync(body.WrittenMemory, httpContext.RequestAborted);
        }
    }

    private static bool ClientHasIt(HttpRequest request, string etag)
    {
        var sent = request.Headers.IfNoneMatch;
        if (sent.Count == 0)
        {
            return false;
        }

        // What a client sends back is almost always the one tag it was given, as it was given.
        return (sent.Count == 1 && string.Equals(sent[0], etag, StringComparison.Ordinal)) || AnyTagMatches(request, etag);
    }

    // Apart from ClientHasIt, so the closure below is made only for lists and reformatted tags, not on every 304.
    private static bool AnyTagMatches(HttpRequest request, string etag)
    {
        var mine = new EntityTagHeaderValue(etag);
        return request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(mine, useStrongComparison: false));
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }
}

internal static class ContentResponse
{
    public static ContentResponse<T> Cached<T, TState>(ServedContent content, ResponseKey key, TState state, Func<TState, T> render, string mediaType = "application/json") =>
        content.Responses.GetOrRender(key, state, render, mediaType);

    public static ContentResponse<T> Fresh<T>(T value, string language) => new(RenderedJson.From(value), language);

    /// <summary>
    /// A response computed per request whose tag is known from its inputs (<see cref="EntityTags.ForInputs"/>):
    /// <paramref name="render"/> runs only when the client does not already have it.
    /// </summary>
    public static ContentResponse<T> Deferred<T>(string etag, string language, Func<PooledBuffer> render) => new(etag, render, language);
}
