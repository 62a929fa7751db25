using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure;

/// <summary>
/// A POST body of this API is a few hundred bytes that arrive with the headers. It is collected first and then
/// read in one synchronous pass, which skips the framework's resumable, asynchronous reader and its per-request
/// state. The outcome is the framework's: the same settings (<see cref="ApiJson.Options"/>), the same 415 for a
/// body that is not JSON, and failures as <see cref="BadHttpRequestException"/> carrying the
/// <see cref="JsonException"/>, which <see cref="BadRequestHandler"/> turns into a problem naming the field.
/// The body's size is capped before this runs (<see cref="RequestBodyLimit"/>).
/// </summary>
internal static class JsonBody
{
    public const string Missing = "A JSON object is required as the request body.";

    public static async ValueTask<T> ReadAsync<T>(HttpContext context)
        where T : class
    {
        var request = context.Request;
        if (!IsUtf8Json(request.ContentType))
        {
            if (!request.HasJsonContentType())
            {
                throw new BadHttpRequestException($"Expected a supported JSON media type but got \"{request.ContentType}\".", StatusCodes.Status415UnsupportedMediaType);
            }

            if (!IsUtf8(request.ContentType))
            {
                return await ReadWithFrameworkAsync<T>(request, context.RequestAborted);
            }
        }

        var reader = request.BodyReader;
        var read = await reader.ReadAsync(context.RequestAborted);
        while (!read.IsCompleted)
        {
            if (read.IsCanceled)
            {
                reader.AdvanceTo(read.Buffer.Start);
                throw new OperationCanceledException("Reading the request body was cancelled.");
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            read = await reader.ReadAsync(context.RequestAborted);
        }

        try
        {
            return Deserialize<T>(read.Buffer);
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }
    }

    private static T Deserialize<T>(ReadOnlySequence<byte> body)
        where T : class
    {
        if (body.IsEmpty)
        {
            throw new BadHttpRequestException(Missing);
        }

        byte[]? rented = null;
        try
        {
            ReadOnlySpan<byte> json;
            if (body.IsSingleSegment)
            {
                json = body.FirstSpan;
            }
            else
            {
                rented = ArrayPool<byte>.Shared.Rent((int)body.Length);
                body.CopyTo(rented);
                json = rented.AsSpan(0, (int)body.Length);
            }

            return JsonSerializer.Deserialize(json, TypeInfo<T>.Value) ?? throw new BadHttpRequestException(Missing);
        }
        catch (JsonException invalid)
        {
            throw new BadHttpRequestException("The request body is not valid JSON for this request.", invalid);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Bodies in another charset are rare: the framework's reader transcodes them.</summary>
    private static async Task<T> ReadWithFrameworkAsync<T>(HttpRequest request, CancellationToken cancellation)
        where T : class
    {
        try
        {
            return await request.ReadFromJsonAsync(TypeInfo<T>.Value, cancellation) ?? throw new BadHttpRequestException(Missing);
        }
        catch (JsonException invalid)
        {
            throw new BadHttpRequestException("The request body is not valid JSON for this request.", invalid);
        }
    }

    /// <summary>What clients send nearly always, recognised without parsing.</summary>
    private static bool IsUtf8Json(string? contentType) =>
        string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase)
        || string.Equals(contentType, "application/json; charset=utf-8", StringComparison.OrdinalIgnoreCase);

    private static bool IsUtf8(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.Charset.Length == 0 || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static class TypeInfo<T>
    {
        public static readonly JsonTypeInfo<T> Value = (JsonTypeInfo<T>)ApiJson.Options.GetTypeInfo(typeof(T));
    }
}
