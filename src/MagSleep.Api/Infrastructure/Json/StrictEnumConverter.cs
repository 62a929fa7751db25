using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagSleep.Api.Infrastructure.Json;

/// <summary>
/// An enum read only from exactly one of its kebab-case ids ("female"), case-sensitive. JsonStringEnumConverter also
/// reads comma lists ("female,male"), any case and, through its fallback, numbers; a misread value must not change a
/// health answer, so anything else is a <see cref="JsonException"/> naming the field.
/// </summary>
internal sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly (TEnum Value, JsonEncodedText Id)[] Ids =
        [.. Enum.GetValues<TEnum>().Select(v => (v, JsonEncodedText.Encode(JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()))))];

    public static IEnumerable<string> AllIds => Ids.Select(i => i.Id.Value);

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            foreach (var (value, id) in Ids)
            {
                if (reader.ValueTextEquals(id.EncodedUtf8Bytes))
                {
                    return value;
                }
            }
        }

        throw new JsonException();
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        foreach (var (known, id) in Ids)
        {
            if (EqualityComparer<TEnum>.Default.Equals(known, value))
            {
                writer.WriteStringValue(id);
                return;
            }
        }

        throw new JsonException($"{typeof(TEnum).Name} has no id for {value}.");
    }
}
