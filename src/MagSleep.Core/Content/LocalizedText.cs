using System.Text.Json.Serialization;

namespace MagSleep.Core.Content;

/// <summary>A text in every served language, as stored in content/: <c>{ "en": "…", "zh-CN": "…" }</c>.</summary>
public sealed record LocalizedText(
    [property: JsonPropertyName("en")] string En,
    [property: JsonPropertyName("zh-CN")] string ZhCn)
{
    public string In(string language) => language == Languages.SimplifiedChinese ? ZhCn : En;
}
