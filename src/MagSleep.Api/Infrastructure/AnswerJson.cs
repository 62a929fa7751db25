using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MagSleep.Core.Rules;

namespace MagSleep.Api.Infrastructure;

/// <summary>
/// The parts of computed answers that come straight from the rule set (thresholds, pathways, findings, tiers, plan
/// texts …), each written as JSON once per content version. An answer copies their bytes instead of checking,
/// escaping and encoding the same texts on every request. Only content is rendered here, never anything a person
/// sent: the parts are the engine's own objects, known before any request, and are looked up by reference.
/// </summary>
internal sealed class AnswerParts(RulesEngine rules)
{
    private readonly IdentityTable _rendered = new(rules.SharedAnswerParts().Select(part => (part, Render(part))));

    public bool Contains(object part) => _rendered.TryGetValue(part, out _);

    public bool TryWrite(Utf8JsonWriter writer, object part)
    {
        if (!_rendered.TryGetValue(part, out var json))
        {
            return false;
        }

        writer.WriteRawValue(json, skipInputValidation: true);
        return true;
    }

    /// <summary>A part the rule set did not provide is serialized as usual, so the bytes never depend on what was rendered.</summary>
    public void Write<T>(Utf8JsonWriter writer, T? part, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (part is null)
        {
            writer.WriteNullValue();
        }
        else if (!TryWrite(writer, part))
        {
            JsonSerializer.Serialize(writer, part, typeInfo);
        }
    }

    public void WriteList<T>(Utf8JsonWriter writer, IReadOnlyList<T>? parts, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (parts is null)
        {
            writer.WriteNullValue();
            return;
        }

        if (TryWrite(writer, parts))
        {
            return;
        }

        writer.WriteStartArray();
        for (var i = 0; i < parts.Count; i++)
        {
            Write(writer, parts[i], typeInfo);
        }

        writer.WriteEndArray();
    }

    /// <summary>A text from the rule set is copied; any other text is escaped and encoded as usual.</summary>
    public void WriteString(Utf8JsonWriter writer, JsonEncodedText name, string? text)
    {
        writer.WritePropertyName(name);
        if (text is null || !TryWrite(writer, text))
        {
            writer.WriteStringValue(text);
        }
    }

    private static byte[] Render(object part)
    {
        using var json = PooledBuffer.Json(part, static (writer, part) =>
            JsonSerializer.Serialize(writer, part, ComputedJsonContext.Default.GetTypeInfo(part.GetType()) ?? ApiJson.Options.GetTypeInfo(part.GetType())), 512);
        return json.WrittenSpan.ToArray();
    }
}

/// <summary>
/// A read-only map from an object itself (not its value) to its rendering: open addressing on the runtime's
/// identity hash, built once and read by every request without locks or interface calls.
/// </summary>
internal sealed class IdentityTable
{
    private readonly object?[] _keys;
    private readonly byte[][] _values;
    private readonly int _mask;

    public IdentityTable(IEnumerable<(object Key, byte[] Value)> entries)
    {
        var all = entries.ToArray();
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, all.Length * 2));
        _keys = new object?[size];
        _values = new byte[size][];
        _mask = size - 1;
        foreach (var (key, value) in all)
        {
            var slot = RuntimeHelpers.GetHashCode(key) & _mask;
            while (_keys[slot] is { } taken && !ReferenceEquals(taken, key))
            {
                slot = (slot + 1) & _mask;
            }

            _keys[slot] = key;
            _values[slot] = value;
        }
    }

    public bool TryGetValue(object key, [MaybeNullWhen(false)] out byte[] value)
    {
        var slot = RuntimeHelpers.GetHashCode(key) & _mask;
        while (_keys[slot] is { } candidate)
        {
            if (ReferenceEquals(candidate, key))
            {
                value = _values[slot];
                return true;
            }

            slot = (slot + 1) & _mask;
        }

        value = null;
        return false;
    }
}

/// <summary>
/// Writers for the objects the engine builds per request: the answers themselves, their criteria, observations and
/// safety summary. Everything they hold that the rule set provides goes through <see cref="AnswerParts"/>. The bytes
/// are exactly those of the general serializer (tested over generated answers), so the property names and order
/// here follow the records in MagSleep.Core.Rules.Results.
/// </summary>
internal static class AnswerJson
{
    public delegate void Writer<in T>(Utf8JsonWriter writer, T answer, AnswerParts parts);

    public static Writer<T> For<T>() => typeof(T) switch
    {
        var t when t == typeof(AssessmentResult) => (Writer<T>)(object)(Writer<AssessmentResult>)WriteAssessment,
        var t when t == typeof(DoseCheckResult) => (Writer<T>)(object)(Writer<DoseCheckResult>)WriteDoseCheck,
        var t when t == typeof(GuidanceResult) => (Writer<T>)(object)(Writer<GuidanceResult>)WriteGuidance,
        _ => throw new InvalidOperationException($"{typeof(T).Name} has no answer writer."),
    };

    private static ComputedJsonContext Types => ComputedJsonContext.Default;

    private static void WriteGuidance(Utf8JsonWriter writer, GuidanceResult answer, AnswerParts parts)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Names.Assessment);
        WriteAssessment(writer, answer.Assessment, parts);
        writer.WritePropertyName(Names.Safety);
        WriteSafety(writer, answer.Safety, parts);
        writer.WritePropertyName(Names.Plan);
        WritePlan(writer, answer.Plan, parts);
        parts.WriteString(writer, Names.Disclaimer, answer.Disclaimer);
        parts.WriteString(writer, Names.RuleSetVersion, answer.RuleSetVersion);
        writer.WriteEndObject();
    }

    private static void WriteAssessment(Utf8JsonWriter writer, AssessmentResult answer, AnswerParts parts)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Names.Classification);
        EnumJson<Classification>.Write(writer, answer.Classification);
        writer.WritePropertyName(Names.Summary);
        parts.Write(writer, answer.Summary, Types.Statement);
        writer.WriteBoolean(Names.MeetsCriteria, answer.MeetsCriteria);
        writer.WriteNumber(Names.Score, answer.Score);
        parts.WriteString(writer, Names.DurationCategory, answer.DurationCategory);
        writer.WritePropertyName(Names.Criteria);
        writer.WriteStartArray();
        foreach (var criterion in answer.Criteria)
        {
            WriteCriterion(writer, criterion, parts);
        }

        writer.WriteEndArray();
        writer.WritePropertyName(Names.Pathways);
        parts.WriteList(writer, answer.Pathways, Types.PathwayResult);
        writer.WritePropertyName(Names.Notes);
        parts.WriteList(writer, answer.Notes, Types.Statement);
        parts.WriteString(writer, Names.RuleSetVersion, answer.RuleSetVersion);
        parts.WriteString(writer, Names.Disclaimer, answer.Disclaimer);
        writer.WriteEndObject();
    }

    private static void WriteCriterion(Utf8JsonWriter writer, CriterionResult criterion, AnswerParts parts)
    {
        writer.WriteStartObject();
        parts.WriteString(writer, Names.Id, criterion.Id);
        parts.WriteString(writer, Names.Label, criterion.Label);
        writer.WriteBoolean(Names.Met, criterion.Met);
        writer.WritePropertyName(Names.Observed);
        if (!parts.TryWrite(writer, criterion.Observed))
        {
            WriteObserved(writer, criterion.Observed, parts);
        }

        writer.WritePropertyName(Names.Threshold);
        parts.Write(writer, criterion.Threshold, Types.Threshold);
        parts.WriteString(writer, Names.Source, criterion.Source);
        writer.WriteEndObject();
    }

    private static void WriteObserved(Utf8JsonWriter writer, Observed observed, AnswerParts parts)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Names.Value);
        switch (observed.Value)
        {
            case int number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            default:
                JsonSerializer.Serialize(writer, observed.Value, Types.Object);
                break;
        }

        parts.WriteString(writer, Names.Unit, observed.Unit);
        writer.WriteString(Names.Text, observed.Text);
        writer.WriteEndObject();
    }

    private static void WriteSafety(Utf8JsonWriter writer, SafetyResult safety, AnswerParts parts)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Names.Verdict);
        EnumJson<Verdict>.Write(writer, safety.Verdict);
        writer.WritePropertyName(Names.Findings);
        parts.WriteList(writer, safety.Findings, Types.Finding);
        writer.WritePropertyName(Names.Conflicts);
        parts.WriteList(writer, safety.Conflicts, Types.ConflictView);
        writer.WritePropertyName(Names.Dose);
        if (safety.Dose is { } dose)
        {
            writer.WriteStartObject();
            writer.WriteNumber(Names.ElementalMg, dose.ElementalMg);
            parts.WriteString(writer, Names.Tier, dose.Tier);
            writer.WriteBoolean(Names.AboveSupplementUpperLimit, dose.AboveSupplementUpperLimit);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
    }

    private static void WritePlan(Utf8JsonWriter writer, GuidancePlan plan, AnswerParts parts)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Names.RecommendedForms);
        parts.WriteList(writer, plan.RecommendedForms, Types.RecommendedForm);
        writer.WritePropertyName(Names.DailyRangeMg);
        parts.Write(writer, plan.DailyRangeMg, Types.DailyRange);
        WriteReferral(writer, plan.ClinicianReferral, parts);
        writer.WritePropertyName(Names.TryForWeeks);
        parts.Write(writer, plan.TryForWeeks, Types.WeeksRange);
        writer.WritePropertyName(Names.PairWith);
        parts.Write(writer, plan.PairWith, Types.PairWithView);
        writer.WritePropertyName(Names.LifestyleFirst);
        parts.WriteList(writer, plan.LifestyleFirst, Types.Statement);
        writer.WritePropertyName(Names.FoodSources);
        parts.Write(writer, plan.FoodSources, Types.FoodSourcesView);
        writer.WritePropertyName(Names.Evidence);
        parts.Write(writer, plan.Evidence, Types.Statement);
        writer.WriteEndObject();
    }

    private static void WriteReferral(Utf8JsonWriter writer, ClinicianReferral? referral, AnswerParts parts)
    {
        writer.WritePropertyName(Names.ClinicianReferral);
        if (referral is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString(Names.Reason, referral.Reason);
        writer.WritePropertyName(Names.RuleIds);
        WriteStrings(writer, referral.RuleIds);
        writer.WritePropertyName(Names.Bring);
        parts.WriteList(writer, referral.Bring, Types.Statement);
        writer.WritePropertyName(Names.Sources);
        WriteStrings(writer, referral.Sources);
        writer.WriteEndObject();
    }

    private static void WriteDoseCheck(Utf8JsonWriter writer, DoseCheckResult answer, AnswerParts parts)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Names.Verdict);
        EnumJson<Verdict>.Write(writer, answer.Verdict);
        writer.WritePropertyName(Names.Tier);
        parts.Write(writer, answer.Tier, Types.TierView);
        writer.WriteNumber(Names.AmountMg, answer.AmountMg);
        writer.WritePropertyName(Names.AmountBasis);
        EnumJson<AmountBasis>.Write(writer, answer.AmountBasis);
        writer.WriteString(Names.Form, answer.Form);
        writer.WriteNumber(Names.ElementalFraction, answer.ElementalFraction);
        writer.WriteNumber(Names.ElementalMg, answer.ElementalMg);
        writer.WriteBoolean(Names.AboveSupplementUpperLimit, answer.AboveSupplementUpperLimit);
        writer.WritePropertyName(Names.SupplementUpperLimit);
        parts.Write(writer, answer.SupplementUpperLimit, Types.UpperLimitView);
        writer.WritePropertyName(Names.Rda);
        parts.Write(writer, answer.Rda, Types.RdaView);
        writer.WritePropertyName(Names.Findings);
        parts.WriteList(writer, answer.Findings, Types.Finding);
        writer.WritePropertyName(Names.Conflicts);
        parts.WriteList(writer, answer.Conflicts, Types.ConflictView);
        WriteReferral(writer, answer.ClinicianReferral, parts);
        parts.WriteString(writer, Names.RuleSetVersion, answer.RuleSetVersion);
        parts.WriteString(writer, Names.Disclaimer, answer.Disclaimer);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        for (var i = 0; i < values.Count; i++)
        {
            writer.WriteStringValue(values[i]);
        }

        writer.WriteEndArray();
    }

    /// <summary>Each value's name exactly as the enum's own converter writes it, quotes included.</summary>
    private static class EnumJson<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly byte[]?[] Rendered = Render();

        public static void Write(Utf8JsonWriter writer, TEnum value)
        {
            var index = Unsafe.As<TEnum, int>(ref value);
            if ((uint)index < (uint)Rendered.Length && Rendered[index] is { } json)
            {
                writer.WriteRawValue(json, skipInputValidation: true);
            }
            else
            {
                JsonSerializer.Serialize(writer, value, ApiJson.Options);
            }
        }

        private static byte[]?[] Render()
        {
            if (Enum.GetUnderlyingType(typeof(TEnum)) != typeof(int))
            {
                throw new InvalidOperationException($"{typeof(TEnum).Name} is not backed by int.");
            }

            var values = Enum.GetValues<TEnum>();
            var rendered = new byte[]?[values.Max(v => Unsafe.As<TEnum, int>(ref v)) + 1];
            foreach (var value in values)
            {
                var copy = value;
                rendered[Unsafe.As<TEnum, int>(ref copy)] = JsonSerializer.SerializeToUtf8Bytes(value, ApiJson.Options);
            }

            return rendered;
        }
    }

    private static class Names
    {
        public static readonly JsonEncodedText Assessment = JsonEncodedText.Encode("assessment");
        public static readonly JsonEncodedText Safety = JsonEncodedText.Encode("safety");
        public static readonly JsonEncodedText Plan = JsonEncodedText.Encode("plan");
        public static readonly JsonEncodedText Disclaimer = JsonEncodedText.Encode("disclaimer");
        public static readonly JsonEncodedText RuleSetVersion = JsonEncodedText.Encode("ruleSetVersion");
        public static readonly JsonEncodedText Classification = JsonEncodedText.Encode("classification");
        public static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
        public static readonly JsonEncodedText MeetsCriteria = JsonEncodedText.Encode("meetsCriteria");
        public static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
        public static readonly JsonEncodedText DurationCategory = JsonEncodedText.Encode("durationCategory");
        public static readonly JsonEncodedText Criteria = JsonEncodedText.Encode("criteria");
        public static readonly JsonEncodedText Pathways = JsonEncodedText.Encode("pathways");
        public static readonly JsonEncodedText Notes = JsonEncodedText.Encode("notes");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
        public static readonly JsonEncodedText Met = JsonEncodedText.Encode("met");
        public static readonly JsonEncodedText Observed = JsonEncodedText.Encode("observed");
        public static readonly JsonEncodedText Threshold = JsonEncodedText.Encode("threshold");
        public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
        public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
        public static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
        public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
        public static readonly JsonEncodedText Verdict = JsonEncodedText.Encode("verdict");
        public static readonly JsonEncodedText Findings = JsonEncodedText.Encode("findings");
        public static readonly JsonEncodedText Conflicts = JsonEncodedText.Encode("conflicts");
        public static readonly JsonEncodedText Dose = JsonEncodedText.Encode("dose");
        public static readonly JsonEncodedText ElementalMg = JsonEncodedText.Encode("elementalMg");
        public static readonly JsonEncodedText Tier = JsonEncodedText.Encode("tier");
        public static readonly JsonEncodedText AboveSupplementUpperLimit = JsonEncodedText.Encode("aboveSupplementUpperLimit");
        public static readonly JsonEncodedText RecommendedForms = JsonEncodedText.Encode("recommendedForms");
        public static readonly JsonEncodedText DailyRangeMg = JsonEncodedText.Encode("dailyRangeMg");
        public static readonly JsonEncodedText ClinicianReferral = JsonEncodedText.Encode("clinicianReferral");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText RuleIds = JsonEncodedText.Encode("ruleIds");
        public static readonly JsonEncodedText Bring = JsonEncodedText.Encode("bring");
        public static readonly JsonEncodedText Sources = JsonEncodedText.Encode("sources");
        public static readonly JsonEncodedText TryForWeeks = JsonEncodedText.Encode("tryForWeeks");
        public static readonly JsonEncodedText PairWith = JsonEncodedText.Encode("pairWith");
        public static readonly JsonEncodedText LifestyleFirst = JsonEncodedText.Encode("lifestyleFirst");
        public static readonly JsonEncodedText FoodSources = JsonEncodedText.Encode("foodSources");
        public static readonly JsonEncodedText Evidence = JsonEncodedText.Encode("evidence");
        public static readonly JsonEncodedText AmountMg = JsonEncodedText.Encode("amountMg");
        public static readonly JsonEncodedText AmountBasis = JsonEncodedText.Encode("amountBasis");
        public static readonly JsonEncodedText Form = JsonEncodedText.Encode("form");
        public static readonly JsonEncodedText ElementalFraction = JsonEncodedText.Encode("elementalFraction");
        public static readonly JsonEncodedText SupplementUpperLimit = JsonEncodedText.Encode("supplementUpperLimit");
        public static readonly JsonEncodedText Rda = JsonEncodedText.Encode("rda");
    }
}
