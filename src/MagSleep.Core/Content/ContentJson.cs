using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagSleep.Core.Content;

/// <summary>Strict reading of content files: unknown properties, missing required values and nulls in non-nullable places are errors.</summary>
public static class ContentJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    public static T Read<T>(string path, string displayName)
    {
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new ContentValidationException(displayName, "$", $"the file cannot be read ({e.Message})");
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
