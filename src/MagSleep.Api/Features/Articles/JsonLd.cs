using System.Text.Json.Nodes;
using MagSleep.Api.Infrastructure.Http;
using MagSleep.Core.Content;

namespace MagSleep.Api.Features.Articles;

/// <summary>An article as a schema.org MedicalWebPage, for partners who publish it with structured data.</summary>
internal static class JsonLd
{
    public const string MediaType = "application/ld+json";

    /// <summary>JSON-LD when the client names it in Accept, plain JSON otherwise.</summary>
    public static string MediaTypeFor(HttpRequest request) =>
        request.AsksFor(MediaType)
            ? MediaType
            : "application/json";

    public static JsonObject MedicalWebPage(Article article, Language language)
    {
        var url = $"/api/v1/articles/{article.Slug}?lang={article.Language}";
        return new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "MedicalWebPage",
            ["@id"] = url,
            ["url"] = url,
            ["headline"] = article.Title,
            ["name"] = article.Title,
            ["description"] = article.Summary,
            ["inLanguage"] = article.Language,
            ["dateModified"] = article.DateModified.ToString("yyyy-MM-dd"),
            ["lastReviewed"] = article.LastReviewed.ToString("yyyy-MM-dd"),
            ["audience"] = new JsonObject { ["@type"] = "MedicalAudience", ["audienceType"] = "Patient" },
            ["hasPart"] = new JsonArray([.. article.Sections.Select(s => (JsonNode)new JsonObject
            {
                ["@type"] = "WebPageElement",
                ["@id"] = $"{url}#{s.Id}",
                ["identifier"] = s.Id,
                ["name"] = s.Heading,
                ["abstract"] = s.Summary,
                ["text"] = string.Join("\n\n", s.Paragraphs),
            })]),
            ["isBasedOn"] = new JsonObject
            {
                ["@type"] = "CreativeWork",
                ["identifier"] = article.Source.Id,
                ["name"] = article.Source.Title,
                ["description"] = article.Source.Description,
                ["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = article.Source.Publisher },
            },
            ["citation"] = new JsonArray([.. article.Studies.Select(s => (JsonNode)new JsonObject
            {
                ["@type"] = "MedicalStudy",
                ["identifier"] = s.Reference.Number is { } n ? $"{s.Reference.Source} ref {n}" : $"{s.Reference.Source} {s.Id}",
                ["name"] = s.Intervention,
                ["studySubject"] = s.Population,
                ["description"] = string.Join(language.SentenceBreak, s.Design, s.Duration, s.Outcome),
            })]),
            ["publisher"] = new JsonObject
            {
                ["@type"] = "Organization",
                ["name"] = "MagSleep",
                ["description"] = article.Source.Adaptation,
            },
        };
    }
}
