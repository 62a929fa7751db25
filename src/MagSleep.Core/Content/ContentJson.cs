using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MagSleep.Core.Content;

/// <summary>Strict reading of content files: a misspelt, re-cased or missing property, a null where a value is needed, or a number in quotes is an error.</summary>
public static class ContentJson
{
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Reads <paramref name="path"/> through <paramref name="reads"/> as a <typeparamref name="T"/>; every problem is a <see cref="ContentValidationException"/> naming <paramref name="displayName"/>.</summary>
    public static T Read<T>(ContentReads reads, string path, string displayName)
    {
        byte[] bytes;
        try
        {
            bytes = reads.Read(path, displayName);
        }
        catch (IOException e)
        {
            throw new ContentValidationException(displayName, "$", $"the file cannot be read ({e.Message})");
        }

        if (FirstNullItem(bytes) is { } nullItem)
        {
            throw new ContentValidationException(displayName, nullItem, "a list item is null");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options)
                ?? throw new ContentValidationException(displayName, "$", "the file holds null instead of an object");
        }
        catch (JsonException e)
        {
            throw new ContentValidationException(displayName, e.Path ?? "$", Describe(e));
        }
    }

    /// <summary>
    /// The path of the first null in a list. The serializer's nullable checks stop at a list's items, and no content
    /// list has a use for one, so one is refused here rather than met later by code that expects an item.
    /// </summary>
    private static string? FirstNullItem(byte[] bytes)
    {
        try
        {
            return Find(JsonNode.Parse(bytes));
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON this can read: the serializer reports it with its position.
            return null;
        }

        static string? Find(JsonNode? node) => node switch
        {
            JsonArray list => list.Select((item, i) => item is null ? $"{list.GetPath()}[{i}]" : Find(item)).FirstOrDefault(path => path is not null),
            JsonObject obj => obj.Select(property => Find(property.Value)).FirstOrDefault(path => path is not null),
            _ => null,
        };
    }

    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return e.LineNumber is { } line ? $"{message.TrimEnd()} (line {line + 1})" : message.TrimEnd();
    }
}
