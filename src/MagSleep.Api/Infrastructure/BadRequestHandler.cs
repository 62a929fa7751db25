using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
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
            _ => new HttpValidationProblemDetails(Describe(bad)) { Title = "The request could not be read." },
        };
        problem.Status = bad.StatusCode;

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static Dictionary<string, string[]> Describe(BadHttpRequestException bad)
    {
        if (FindJsonException(bad) is { } json)
        {
            return new() { [FieldFromPath(json.Path)] = [Expectation(json)] };
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
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }

    private static string Expectation(JsonException json)
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

        if (message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase) || message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            return "Is nested too deeply.";
        }

        var target = ConvertedTo().Match(message);
        if (target.Success)
        {
            var type = target.Groups["type"].Value;
            return type switch
            {
                _ when type.Contains("Int32") || type.Contains("Int64") => "Must be a whole number within the field's range.",
                _ when type.Contains("Double") || type.Contains("Decimal") || type.Contains("Single") => "Must be a number within the field's range.",
                _ when type.Contains("Boolean") => "Must be true or false.",
                _ when type.Contains("String") => "Must be a string.",
                _ when type.Contains("[]") || type.Contains("List") => "Must be an array.",
                _ => EnumValues(type) is { } values ? $"Must be one of: {values}." : "Has the wrong type for this field.",
            };
        }

        return "Is not valid JSON for this field.";
    }

    private static string? EnumValues(string typeName)
    {
        var name = typeName.Trim();
        var nullable = NullableOf().Match(name);
        if (nullable.Success)
        {
            name = nullable.Groups["inner"].Value;
        }

        var type = typeof(BadRequestHandler).Assembly.GetType(name) ?? typeof(MagSleep.Core.Content.Languages).Assembly.GetType(name);
        return type is { IsEnum: true }
            ? string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.KebabCaseLower.ConvertName(n)))
            : null;
    }

    [GeneratedRegex(@"converted to (?<type>[^\s.][^\s]*?)\.?(\s|$)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>[^\]]+)\]$")]
    private static partial Regex NullableOf();
}
