using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagSleep.Core.Rules;

/// <summary>
/// An enum as its kebab-case id (ConsultClinician → "consult-clinician") whatever the host's options, read back only
/// from exactly one id, case-sensitive. JsonStringEnumConverter also reads comma lists ("female,male"), any case and,
/// through its fallback, numbers; a misread value must not change a health answer, so anything else is a
/// <see cref="JsonException"/> naming the field.
/// </summary>
public sealed class KebabCaseEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly (TEnum Value, JsonEncodedText Id)[] Ids =
        [.. Enum.GetValues<TEnum>().Select(v => (v, JsonEncodedText.Encode(JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()))))];

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

/// <summary>Ordered from mildest to strictest: the verdict is the maximum.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<Severity>))]
public enum Severity { Info, Caution, ConsultClinician }

[JsonConverter(typeof(KebabCaseEnumConverter<Verdict>))]
public enum Verdict { Ok, Caution, ConsultClinician }

[JsonConverter(typeof(KebabCaseEnumConverter<Classification>))]
public enum Classification { NoPattern, BelowThreshold, InsomniaPattern }

[JsonConverter(typeof(KebabCaseEnumConverter<CriterionRole>))]
public enum CriterionRole { NightSymptom, DaytimeSymptom, Frequency, Duration }

[JsonConverter(typeof(KebabCaseEnumConverter<AmountBasis>))]
public enum AmountBasis { Elemental, Compound }

[JsonConverter(typeof(KebabCaseEnumConverter<Sex>))]
public enum Sex { Unspecified, Female, Male }

[JsonConverter(typeof(KebabCaseEnumConverter<IntakeKind>))]
public enum IntakeKind { Rda, Ai }

[JsonConverter(typeof(KebabCaseEnumConverter<FormKind>))]
public enum FormKind { Organic, Inorganic }

internal static class SeverityExtensions
{
    public static Verdict ToVerdict(this Severity severity) => severity switch
    {
        Severity.ConsultClinician => Verdict.ConsultClinician,
        Severity.Caution => Verdict.Caution,
        _ => Verdict.Ok,
    };
}
