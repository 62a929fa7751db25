using System.Text.Json.Nodes;
using MagSleep.Api.Infrastructure.Content;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MagSleep.Api.Infrastructure.OpenApi;

/// <summary>
/// Describes the shared parameters once, with examples that work when tried from the explorer. <c>lang</c> has no
/// example: the explorer would send it, and a newcomer should get the default (Accept-Language, else English).
/// </summary>
internal sealed class ParameterDocumentation(ContentStore store) : IOperationFilter
{
    private static readonly Dictionary<string, (string Description, string Example)> Known = new(StringComparer.Ordinal)
    {
        ["slug"] = ("The article's slug, e.g. `magnesium-and-sleep` or `magnesium-insomnia-pathways`.", "magnesium-and-sleep"),
        ["sectionId"] = ("A section id; the same in every language.", "what-is-magnesium"),
        ["id"] = ("A form id, e.g. `glycinate` or `l-threonate` (see GET /api/v1/magnesium/forms).", "glycinate"),
        ["q"] = ("Search terms, within the limits of the Search configuration (a 400 names them). Every term must match; Chinese needs no spaces.", "melatonin"),
        ["modifiedSince"] = ("Only articles modified on or after this ISO date or date-time.", "2026-01-01"),
        ["_format"] = ("FHIR's format parameter: `json`, `application/json` or `application/fhir+json` asks for application/fhir+json, like `Accept: application/fhir+json`; any other value is a 400.", "json"),
    };

    /// <summary>The served languages and their aliases, as the content lists them.</summary>
    private static string LangDescription(MagSleep.Core.Content.Languages languages) =>
        "Response language: " + string.Join(" or ", languages.All.Select(l => $"`{l.Tag}`" +
            (l.Aliases is { Count: > 0 } aliases ? $" (also {string.Join(", ", aliases.Select(a => $"`{a}`"))})" : ""))) +
        $". Wins over Accept-Language. A well-formed tag that names none of them falls back to {languages.Default}; an empty or malformed value, a list, or `lang` given twice is a 400.";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name == "lang")
            {
                parameter.Description = LangDescription(store.Current.Languages);
                parameter.Example = null;
            }
            else if (parameter.Name is { } name && Known.TryGetValue(name, out var doc))
            {
                parameter.Description = doc.Description;
                parameter.Example = JsonValue.Create(doc.Example);
            }
        }
    }
}
