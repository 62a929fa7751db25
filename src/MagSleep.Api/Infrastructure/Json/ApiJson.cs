using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace MagSleep.Api.Infrastructure.Json;

internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = ReadOnly(Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    /// <summary>Frozen with its resolver in place, so type metadata can be asked for before anything has been serialized.</summary>
    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // Text in any language stays readable in the body; HTML-sensitive characters are still escaped.
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;

        // Request bodies are read strictly: a misspelt, re-cased or repeated field must not silently change a health answer.
        options.PropertyNameCaseInsensitive = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.MaxDepth = 16;
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }

    /// <summary>Request binding and results use the same settings as the pre-rendered content responses, with <paramref name="generated"/> first.</summary>
    public static IServiceCollection AddApiJson(this IServiceCollection services, IJsonTypeInfoResolver generated) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            Configure(o.SerializerOptions);
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, generated);
        });
}
