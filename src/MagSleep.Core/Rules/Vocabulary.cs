using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagSleep.Core.Rules;

/// <summary>Serializes an enum as its kebab-case name (ConsultClinician → "consult-clinician") whatever the host's options.</summary>
internal sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;

/// <summary>Ordered from mildest to strictest: the verdict is the maximum.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<Severity>))]
internal enum Severity { Info, Caution, ConsultClinician }

[JsonConverter(typeof(KebabCaseEnumConverter<Verdict>))]
internal enum Verdict { Ok, Caution, ConsultClinician }

[JsonConverter(typeof(KebabCaseEnumConverter<Classification>))]
internal enum Classification { NoPattern, BelowThreshold, InsomniaPattern }

[JsonConverter(typeof(KebabCaseEnumConverter<CriterionRole>))]
internal enum CriterionRole { NightSymptom, DaytimeSymptom, Frequency, Duration }

[JsonConverter(typeof(KebabCaseEnumConverter<AmountBasis>))]
internal enum AmountBasis { Elemental, Compound }

[JsonConverter(typeof(KebabCaseEnumConverter<Sex>))]
internal enum Sex { Unspecified, Female, Male }

[JsonConverter(typeof(KebabCaseEnumConverter<IntakeKind>))]
internal enum IntakeKind { Rda, Ai }

[JsonConverter(typeof(KebabCaseEnumConverter<FormKind>))]
internal enum FormKind { Organic, Inorganic }

internal static class SeverityExtensions
{
    public static Verdict ToVerdict(this Severity severity) => severity switch
    {
        Severity.ConsultClinician => Verdict.ConsultClinician,
        Severity.Caution => Verdict.Caution,
        _ => Verdict.Ok,
    };
}
