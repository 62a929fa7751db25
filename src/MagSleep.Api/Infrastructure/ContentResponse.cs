using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure;

/// <summary>
/// A content response: pre-rendered JSON with a strong ETag, served as 304 when the client already has it.
/// <typeparamref name="T"/> is the shape of the body, declared for OpenAPI.
/// </summary>
internal sealed class ContentResponse<T>(RenderedJson json, string language, string mediaType = "application/json") : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    private static readonly string VaryByLanguageAndMediaType = $"{HeaderNames.AcceptLanguage}, {HeaderNames.Accept}";

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var headers = response.Headers;
        headers.ETag = json.ETag;
        headers.CacheControl = httpContext.RequestServices.GetRequiredService<IOptions<ContentOptions>>().Value.CacheControl;
        LanguageNegotiation.WriteLanguageHeaders(response, language, VaryByLanguageAndMediaType);

        if (ClientHasIt(httpContext.Request))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = mediaType + "; charset=utf-8";
        response.ContentLength = json.Body.Length;
        return HeadRequests.IsHead(httpContext)
            ? Task.CompletedTask
            : response.Body.WriteAsync(json.Body, httpContext.RequestAborted).AsTask();
    }

    private bool ClientHasIt(HttpRequest request)
    {
        var sent = request.Headers.IfNoneMatch;
        if (sent.Count == 0)
        {
            return false;
        }

        // What a client sends back is almost always the one tag it was given, as it was given.
        if (sent.Count == 1 && string.Equals(sent[0], json.ETag, StringComparison.Ordinal))
        {
            return true;
        }

        var tags = request.GetTypedHeaders().IfNoneMatch;
        var mine = new EntityTagHeaderValue(json.ETag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(mine, useStrongComparison: false));
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }
}

internal static class ContentResponse
{
    public static ContentResponse<T> Cached<T>(ServedContent content, string key, string language, Func<T> render, string mediaType = "application/json") =>
        new(content.Responses.GetOrRender(key, render), language, mediaType);

    public static ContentResponse<T> Fresh<T>(T value, string language) => new(RenderedJson.From(value), language);
}
