using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace MagSleep.Tests.Api.Conformance;

/// <summary>
/// The answers an OpenAPI 3.1 document declares, by path template, method, status and media type, each with its
/// schema built once as JSON Schema 2020-12 (the document's components as <c>$defs</c>). Built once per document
/// text, however many test servers serve it.
/// </summary>
internal sealed class DocumentedResponses
{
    private static readonly ConcurrentDictionary<string, DocumentedResponses> ByContent = new(StringComparer.Ordinal);

    /// <summary>Formats worth checking; int32, double and the like are sizes, not string shapes.</summary>
    private static readonly HashSet<string> CheckedFormats = new(StringComparer.Ordinal) { "date", "date-time", "uri", "uri-reference" };

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly List<Operation> _operations = [];

    private DocumentedResponses(string document)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        var id = $"https://magsleep.test/openapi/{Hash(document)}";
        var defs = new JsonObject();
        foreach (var (name, schema) in root["components"]?["schemas"]?.AsObject() ?? [])
        {
            defs[name] = Rewrite(schema!.DeepClone(), id);
        }

        var responses = new List<(Operation Operation, string Status, string Media, string Key)>();
        foreach (var (path, item) in root["paths"]!.AsObject())
        {
            foreach (var (method, operationNode) in item!.AsObject())
            {
                var operation = new Operation(method.ToUpperInvariant(), path, (string?)operationNode!["operationId"] ?? $"{method} {path}", Template(path));
                _operations.Add(operation);
                foreach (var (status, response) in operationNode["responses"]!.AsObject())
                {
                    var media = new Dictionary<string, JsonSchema?>(StringComparer.OrdinalIgnoreCase);
                    operation.Statuses[status] = media;
                    foreach (var (mediaType, content) in response!["content"]?.AsObject() ?? [])
                    {
                        media[mediaType] = null;
                        if (content!["schema"] is { } schema)
                        {
                            var key = $"response-{responses.Count}";
                            defs[key] = Rewrite(schema.DeepClone(), id);
                            responses.Add((operation, status, mediaType, key));
                        }
                    }
                }
            }
        }

        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var whole = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["$id"] = id, ["$defs"] = defs };
        JsonSchema.Build(JsonSerializer.SerializeToElement(whole), build);
        foreach (var (operation, status, media, key) in responses)
        {
            operation.Statuses[status][media] = JsonSchema.Build(JsonSerializer.SerializeToElement(new JsonObject { ["$ref"] = $"{id}#/$defs/{key}" }), build);
        }
    }

    public static DocumentedResponses For(string document) => ByContent.GetOrAdd(document, text => new DocumentedResponses(text));

    /// <summary>Null when the answer is one the document declares; otherwise what is wrong with it. Undocumented paths are not checked.</summary>
    public string? Check(string method, string path, int status, string? contentType, ReadOnlySpan<byte> body)
    {
        method = method == "HEAD" ? "GET" : method;
        var operation = _operations.FirstOrDefault(o => o.Method == method && o.Pattern.IsMatch(path));
        if (operation is null)
        {
            return null;
        }

        var where = $"{operation.Id} ({method} {operation.Path}, asked as {path}) answered {status}";
        if (!operation.Statuses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var media))
        {
            return $"{where}, a status the document does not declare (it declares {string.Join(", ", operation.Statuses.Keys)}).";
        }

        if (body.Length == 0 && contentType is null)
        {
            return null;
        }

        var mediaType = contentType?.Split(';')[0].Trim() ?? "";
        if (!media.TryGetValue(mediaType, out var schema))
        {
            return $"{where} as '{mediaType}', a media type the document does not declare for it (it declares {(media.Count == 0 ? "no body" : string.Join(", ", media.Keys))}).";
        }

        if (schema is null || body.Length == 0)
        {
            return null;
        }

        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body.ToArray()).RootElement;
        }
        catch (JsonException e)
        {
            return $"{where} as {mediaType} with a body that is not JSON: {e.Message}";
        }

        var result = schema.Evaluate(instance, Evaluation);
        if (result.IsValid)
        {
            return null;
        }

        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .Distinct()
            .Take(20);
        // An answer to a POST is about a person's health: the errors name its fields, the body itself stays out of the test log.
        var text = method == "POST" ? "(left out: a health answer)" : Encoding.UTF8.GetString(body);
        return $"{where} as {mediaType} with a body that does not match its schema:\n{string.Join('\n', errors)}\nBody: {(text.Length > 2000 ? text[..2000] + " …" : text)}";
    }

    /// <summary>References to components point into the one schema holding them; unchecked formats go.</summary>
    private static JsonNode Rewrite(JsonNode node, string id)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && ((string?)reference)?.StartsWith("#/components/schemas/", StringComparison.Ordinal) == true)
                {
                    obj["$ref"] = $"{id}#/$defs/{((string)reference!)["#/components/schemas/".Length..]}";
                }

                if (obj["format"] is JsonValue format && !CheckedFormats.Contains((string)format!))
                {
                    obj.Remove("format");
                }

                obj.Remove("example");
                obj.Remove("examples");
                foreach (var (_, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        Rewrite(child, id);
                    }
                }

                return obj;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Rewrite(child, id);
                    }
                }

                return array;
            default:
                return node;
        }
    }

    private static Regex Template(string path) =>
        new("^" + Regex.Replace(Regex.Escape(path), @"\\\{[^}]+}", "[^/]+") + "/?$", RegexOptions.CultureInvariant);

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();

    private sealed record Operation(string Method, string Path, string Id, Regex Pattern)
    {
        public Dictionary<string, Dictionary<string, JsonSchema?>> Statuses { get; } = new(StringComparer.Ordinal);
    }
}
