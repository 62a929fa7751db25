using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;

namespace MagSleep.Api.Infrastructure;

/// <summary>
/// A 200 JSON answer computed for this request. At a few KB it is serialized into one buffer and sent with its
/// Content-Length in one write rather than streamed in chunks: one send per answer, and the client knows the size.
/// </summary>
internal sealed class ComputedJson<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    private static readonly JsonTypeInfo<T> TypeInfo = (JsonTypeInfo<T>)ApiJson.Options.GetTypeInfo(typeof(T));

    public T Value => value;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}

internal static class ComputedJson
{
    public static ComputedJson<T> Ok<T>(T value) => new(value);
}
