using System.Buffers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MagSleep.Core.Rules;
using Microsoft.AspNetCore.Http.Metadata;

namespace MagSleep.Api.Infrastructure;

/// <summary>
/// A 200 JSON answer computed for this request. At a few KB it is serialized into one buffer and sent with its
/// Content-Length in one write rather than streamed in chunks: one send per answer, and the client knows the size.
/// Serialization runs the source-generated writer of <see cref="ComputedJsonContext"/>, which writes each property
/// directly instead of walking metadata; the bytes are the same as <see cref="ApiJson.Options"/> gives (tested).
/// </summary>
internal sealed class ComputedJson<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    private static readonly JsonTypeInfo<T> TypeInfo = ComputedJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T).Name} needs a [JsonSerializable] entry on {nameof(ComputedJsonContext)}.");

    private static int _sizeHint = 4096;

    public T Value => value;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var body = Serialize(value);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.WrittenCount;
        return response.Body.WriteAsync(body.WrittenMemory, httpContext.RequestAborted).AsTask();
    }

    internal static ArrayBufferWriter<byte> Serialize(T value)
    {
        var body = new ArrayBufferWriter<byte>(Volatile.Read(ref _sizeHint));
        using (var writer = new Utf8JsonWriter(body, ApiJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, TypeInfo);
        }

        if (body.WrittenCount > _sizeHint)
        {
            Volatile.Write(ref _sizeHint, body.WrittenCount + 1024);
        }

        return body;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}

internal static class ComputedJson
{
    public static ComputedJson<T> Ok<T>(T value) => new(value);
}

/// <summary>
/// The computed answers' shapes, compiled into direct writers. Its own options carry no encoder or converters,
/// which the generated writers require; the encoder comes from the <see cref="Utf8JsonWriter"/> instead, and the
/// enums name themselves through their own converter attributes. Observed values are boxed numbers and flags.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AssessmentResult))]
[JsonSerializable(typeof(DoseCheckResult))]
[JsonSerializable(typeof(GuidanceResult))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
internal sealed partial class ComputedJsonContext : JsonSerializerContext;
