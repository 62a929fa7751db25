using System.Text.Json;
using System.Text.RegularExpressions;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace MagSleep.Api.Infrastructure.Http;

/// <summary>
/// Turns the framework's binding failures (malformed JSON, wrong types, missing body, wrong media type) into
/// problem details that name the field. Messages never repeat what the client sent: it may be health data.
/// </summary>
internal sealed partial class BadRequestHandler(IProblemDetailsService problems, ContentStore store) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        ProblemDetails problem = bad.StatusCode switch
        {
            // Titled by kind: the problem-details customization words title and detail in the caller's language.
            StatusCodes.Status415UnsupportedMediaType when Utf8JsonBodies.HasContentCoding(httpContext.Request) => ContentCodingRefused(httpContext.Response),
            StatusCodes.Status415UnsupportedMediaType => new ProblemDetails { Title = "unsupported-media-type" },
            StatusCodes.Status413PayloadTooLarge => new ProblemDetails { Title = "payload-too-large" },
            StatusCodes.Status408RequestTimeout => new ProblemDetails { Title = "request-timeout" },
            _ => new HttpValidationProblemDetails(Describe(httpContext, bad, httpContext.ProblemLanguage())) { Title = "unreadable" },
        };
        problem.Status = bad.StatusCode;

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails ContentCodingRefused(HttpResponse response)
    {
        response.Headers.AcceptEncoding = "identity";
        return new ProblemDetails { Title = "unsupported-content-coding" };
    }

    private Dictionary<string, string[]> Describe(HttpContext context, BadHttpRequestException bad, string language)
    {
        var texts = store.Current.Problems;
        if (FindJsonException(bad) is { } json)
        {
            // Only whitespace: no JSON at all, as an empty body is.
            if (json.InnerException?.Message.Contains("does not contain any JSON tokens", StringComparison.Ordinal) == true)
            {
                return new() { ["body"] = [texts.Field("body-required", language)] };
            }

            if (HasTrailingData(json))
            {
                return new() { ["body"] = [texts.Field("body-trailing", language)] };
            }

            if (IsIncomplete(json, context.Request.ContentLength))
            {
                return new() { ["body"] = [texts.Field("body-incomplete", language)] };
            }

            var requestType = context.RoutedEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var (code, arguments) = Expectation(json, requestType);
            var (field, cut) = FieldFromPath(json.Path);
            if (cut && code == "not-a-field")
            {
                code = "has-unknown-field";
            }
            else if (code == "not-a-field" && field == "resourceType")
            {
                // A FHIR resource sent as plain JSON: the answer says how FHIR is read.
                code = "resource-type";
            }

            return new() { [field] = [texts.Field(code, language, arguments)] };
        }

        if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return new() { ["body"] = [texts.Field("body-required", language)] };
        }

        // Kestrel's own failures (a bad chunk, a body cut short) are met while a reader reads the body.
        return new() { [BrokenBodyHandler.RaisedByKestrel(bad) ? "body" : "request"] = [texts.Field("unreadable", language)] };
    }

    /// <summary>
    /// The reader ran out of input before the JSON was complete (a body cut off on the way, whatever field it was in):
    /// it says so, or it stopped at the body's last byte (a number or literal cut short), or, in a body of unknown
    /// length, a number ran to its end (a digit is never otherwise "an invalid end of a number").
    /// </summary>
    private static bool IsIncomplete(JsonException json, long? bodyLength) =>
        json.InnerException?.Message is { } reader
        && (reader.Contains("reached end of data", StringComparison.Ordinal)
            || reader.Contains("end of the JSON payload", StringComparison.Ordinal)
            || (json.LineNumber == 0 && json.BytePositionInLine == bodyLength)
            || NumberRanToTheEnd().IsMatch(reader));

    [GeneratedRegex(@"^'\d' is an invalid end of a number")]
    private static partial Regex NumberRanToTheEnd();

    /// <summary>The JSON was complete and something followed it (a second value, a stray bracket).</summary>
    private static bool HasTrailingData(JsonException json) =>
        json.InnerException?.Message.Contains("after a single JSON value", StringComparison.Ordinal) == true;

    private static JsonException? FindJsonException(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    /// <summary>The field a path names, up to the first name that may not be sent back (<see cref="EchoedNames"/>); Cut says one was left off.</summary>
    private static (string Field, bool Cut) FieldFromPath(string? path)
    {
        var kept = new List<string>();
        var cut = false;
        foreach (var segment in PathSegments(path))
        {
            if (!segment.StartsWith('[') && !EchoedNames.CanEcho(segment))
            {
                cut = true;
                break;
            }

            kept.Add(segment);
        }

        var field = string.Join('.', kept).Replace(".[", "[", StringComparison.Ordinal);
        return (field.Length == 0 ? "body" : field, cut);
    }

    private static (string Code, Dictionary<string, string>? Arguments) Expectation(JsonException json, Type? requestType)
    {
        var message = json.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return ("not-a-field", null);
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return ("duplicate", null);
        }

        if (message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            return ("too-deep", null);
        }

        if (json.Path is null or "$")
        {
            return (json.InnerException is null ? "object" : "body-invalid", null);
        }

        return FieldType(requestType, json.Path) is { } type ? Expected(type) : ("invalid", null);
    }

    /// <summary>The .NET type behind a JSON path such as <c>$.profile.medications[0]</c>, as the API's serializer contract names its members.</summary>
    private static Type? FieldType(Type? root, string path) =>
        PathSegments(path).Aggregate(root, (type, segment) => type is null ? null
            : segment.StartsWith('[') ? ElementType(type)
            : ApiJson.Options.GetTypeInfo(type).Properties.FirstOrDefault(p => p.Name == segment)?.PropertyType);

    private static IEnumerable<string> PathSegments(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            yield break;
        }

        foreach (Match m in PathSegment().Matches(path))
        {
            yield return m.Groups["name"].Success ? m.Groups["name"].Value
                : m.Groups["quoted"].Success ? m.Groups["quoted"].Value
                : $"[{m.Groups["index"].Value}]";
        }
    }

    private static Type? ElementType(Type type) => ApiJson.Options.GetTypeInfo(type).ElementType;

    private static (string Code, Dictionary<string, string>? Arguments) Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) => ("whole-number", null),
            _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => ("number", null),
            _ when type == typeof(bool) => ("boolean", null),
            _ when type == typeof(string) => ("string", null),
            _ when type.IsEnum => ("one-of", new() { ["values"] = string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName)) }),
            _ when ElementType(type) is { } element => (element == typeof(string) ? "array-of-strings" : "array", null),
            _ => ("object", null),
        };
    }

    [GeneratedRegex(@"\.(?<name>[^.\[\]]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
