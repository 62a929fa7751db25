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
/// <see cref="AnswerJson"/> writes what the engine built for this request and copies the rule set's parts as bytes
/// rendered once (<see cref="AnswerParts"/>); the bytes are the same as <see cref="ApiJson.Options"/> gives (tested).
/// </summary>
internal sealed class ComputedJson<T>(T value, AnswerParts parts) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    private static readonly AnswerJson.Writer<T> Write = AnswerJson.For<T>();

    private static int _sizeHint = 4096;

    public T Value => value;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var body = Serialize(value, parts);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.WrittenCount;
        await response.Body.WriteAsync(body.WrittenMemory, httpContext.RequestAborted);
    }

    internal static PooledBuffer Serialize(T value, AnswerParts parts)
    {
        var body = PooledBuffer.Json((value, parts), static (writer, answer) => Write(writer, answer.value, answer.parts), Volatile.Read(ref _sizeHint));
        if (body.WrittenCount > _sizeHint)
        {
            Volatile.Write(ref _sizeHint, body.WrittenCount + 1024);
        }

        return body;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}

/// <summary>A growable buffer on arrays from the shared pool: an answer's bytes need neither zeroing nor collecting.</summary>
internal sealed class PooledBuffer(int initialSize) : IBufferWriter<byte>, IDisposable
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(initialSize);

    /// <summary><paramref name="value"/> as JSON, escaped as <see cref="ApiJson.Options"/> escapes.</summary>
    public static PooledBuffer Json<T>(T value, JsonTypeInfo<T> typeInfo, int initialSize) =>
        Json((value, typeInfo), static (writer, state) => JsonSerializer.Serialize(writer, state.value, state.typeInfo), initialSize);

    /// <summary>
    /// What <paramref name="write"/> writes, through a writer with the API's escaping: the one place every JSON body
    /// of the API is given its writer, so answers, rendered parts and rendered content cannot differ in escaping.
    /// </summary>
    public static PooledBuffer Json<TState>(TState state, Action<Utf8JsonWriter, TState> write, int initialSize)
    {
        var body = new PooledBuffer(initialSize);
        using (var writer = new Utf8JsonWriter(body, ApiJson.WriterOptions))
        {
            write(writer, state);
        }

        return body;
    }

    public int WrittenCount { get; private set; }

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, WrittenCount);

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, WrittenCount);

    public void Advance(int count) => WrittenCount += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsMemory(WrittenCount);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsSpan(WrittenCount);
    }

    public void Dispose()
    {
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }
    }

    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_array.Length - WrittenCount < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, WrittenCount + needed));
            _array.AsSpan(0, WrittenCount).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }
    }
}

internal static class ComputedJson
{
    public static ComputedJson<T> Ok<T>(T value, ServedContent served) => new(value, served.AnswerParts);
}

/// <summary>
/// The computed answers' shapes, compiled into direct writers: they render the rule set's answer parts and write
/// any part an answer carries that was not rendered. Its own options carry no encoder or converters,
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
