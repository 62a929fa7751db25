using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace MagSleep.Api.Infrastructure;

/// <summary>
/// Turns the framework's binding failures (malformed JSON, wrong types, missing body, wrong media type) into
/// problem details that name the field. Messages never repeat what the client sent: it may be health data.
/// </summary>
internal sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
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
            StatusCodes.Status415UnsupportedMediaType => new ProblemDetails
            {
                Title = "Unsupported media type",
                Detail = "Send the body as application/json.",
            },
            StatusCodes.Status413PayloadTooLarge => new ProblemDetails
            {
                Title = "Request body too large",
                Detail = "The body is larger than this endpoint accepts.",
            },
            _ => new HttpValidationProblemDetails(Describe(httpContext, bad)) { Title = "The request could not be read." },
        };
        problem.Status = bad.StatusCode;

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static Dictionary<string, string[]> Describe(HttpContext context, BadHttpRequestException bad)
    {
        if (FindJsonException(bad) is { } json)
        {
            // The exception handler has already cleared the endpoint from the context; the feature keeps it.
            var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
            var requestType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            return new() { [FieldFromPath(json.Path)] = [Expectation(json, requestType)] };
        }

        return bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? new() { ["body"] = ["A JSON object is required as the request body."] }
            : new() { ["request"] = ["The request could not be read."] };
    }

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

    private static string FieldFromPath(string? path)
    {
        var field = string.Join('.', PathSegments(path)).Replace(".[", "[", StringComparison.Ordinal);
        return field.Length == 0 ? "body" : field;
    }

    private static string Expectation(JsonException json, Type? requestType)
    {
        var message = json.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "Is not a field of this request.";
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "Appears more than once.";
        }

        if (message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            return "Is nested too deeply.";
        }

        if (json.Path is null or "$")
        {
            return "Must be a JSON object.";
        }

        return FieldType(requestType, json.Path) is { } type ? Expected(type) : "Is not valid JSON for this field.";
    }

    /// <summary>The .NET type behind a JSON path such as <c>$.profile.medications[0]</c>, following camelCase property names.</summary>
    private static Type? FieldType(Type? root, string path)
    {
        var type = root;
        foreach (var segment in PathSegments(path))
        {
            if (type is null)
            {
                return null;
            }

            type = segment.StartsWith('[') ? ElementType(type) : type.GetProperties()
                .FirstOrDefault(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name) == segment)?.PropertyType;
        }

        return type;
    }

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

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) => "Must be a whole number within the field's range.",
            _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "Must be a number within the field's range.",
            _ when type == typeof(bool) => "Must be true or false.",
            _ when type == typeof(string) => "Must be a string.",
            _ when type.IsEnum => $"Must be one of: {string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName))}.",
            _ when ElementType(type) is { } element => $"Must be an array of {Plural(element)}.",
            _ => "Must be a JSON object.",
        };
    }

    private static string Plural(Type element) => element == typeof(string) ? "strings" : "values";

    [GeneratedRegex(@"\.(?<name>[^.\[\]]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
