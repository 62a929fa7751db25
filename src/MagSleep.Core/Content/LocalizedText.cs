using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagSleep.Core.Content;

/// <summary>
/// A text in every served language, as stored in content/: an object of language tag → text,
/// <c>{ "en": "…", "zh-CN": "…" }</c>. Loading checks that it holds exactly the declared languages.
/// </summary>
[JsonConverter(typeof(LocalizedTextConverter))]
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    private readonly KeyValuePair<string, string>[] _texts;

    public LocalizedText(IEnumerable<KeyValuePair<string, string>> texts)
    {
        _texts = [.. texts];
        for (var i = 0; i < _texts.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(_texts[i].Value, _texts[i].Key);
            for (var j = 0; j < i; j++)
            {
                if (_texts[j].Key == _texts[i].Key)
                {
                    throw new ArgumentException($"'{_texts[i].Key}' is given twice.", nameof(texts));
                }
            }
        }
    }

    /// <summary>The tags this text is in, in the order they are stored.</summary>
    public IEnumerable<string> Languages => _texts.Select(t => t.Key);

    public IReadOnlyList<KeyValuePair<string, string>> Texts => _texts;

    public bool Has(string language) => Array.FindIndex(_texts, t => t.Key == language) >= 0;

    /// <summary>
    /// The text in <paramref name="language"/>. Validated content holds every served language; for any other tag
    /// this is the first text stored.
    /// </summary>
    public string In(string language)
    {
        foreach (var (tag, text) in _texts)
        {
            if (tag == language)
            {
                return text;
            }
        }

        return _texts.Length > 0 ? _texts[0].Value : "";
    }

    /// <summary>The text in <paramref name="language"/> with its <c>{name}</c> placeholders filled.</summary>
    public string In(string language, params (string Key, string Value)[] values) => Rules.Templates.Fill(In(language), values);

    public bool Equals(LocalizedText? other) => other is not null && _texts.AsSpan().SequenceEqual(other._texts);

    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var text in _texts)
        {
            hash.Add(text);
        }

        return hash.ToHashCode();
    }
}

/// <summary>Reads and writes a <see cref="LocalizedText"/> as a JSON object of tag → string, keeping its order.</summary>
public sealed class LocalizedTextConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a text must be an object of language tag to text");
        }

        var texts = new List<KeyValuePair<string, string>>(2);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var tag = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"the '{tag}' text must be a string");
            }

            if (texts.Exists(t => t.Key == tag))
            {
                throw new JsonException($"the '{tag}' text is given twice");
            }

            texts.Add(new(tag, reader.GetString()!));
        }

        return new LocalizedText(texts);
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (tag, text) in value.Texts)
        {
            writer.WriteString(tag, text);
        }

        writer.WriteEndObject();
    }
}
