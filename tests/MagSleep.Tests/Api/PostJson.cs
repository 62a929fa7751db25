using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MagSleep.Tests.Api;

internal static class PostJson
{
    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string json, string? lang = null) =>
        client.PostAsync(lang is null ? url : $"{url}?lang={lang}", new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostNodeAsync(this HttpClient client, string url, JsonNode body, string? lang = null) =>
        client.PostRawAsync(url, body.ToJsonString(), lang);

    public static async Task<JsonElement> PostOkAsync(this HttpClient client, string url, JsonNode body, string? lang = null)
    {
        var response = await client.PostNodeAsync(url, body, lang);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {url} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static JsonObject Sleep(int onset = 45, int wakings = 3, int nights = 4, int days = 60) => new()
    {
        ["sleepOnsetMinutes"] = onset,
        ["nightWakings"] = wakings,
        ["nightsPerWeek"] = nights,
        ["durationDays"] = days,
    };

    public static JsonObject With(this JsonObject node, string name, JsonNode? value)
    {
        node[name] = value;
        return node;
    }

    public static IEnumerable<string> Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!);

    /// <summary>Every string anywhere in <paramref name="element"/>.</summary>
    public static IEnumerable<string> Texts(this JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => p.Value.Texts()),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(e => e.Texts()),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };
}
