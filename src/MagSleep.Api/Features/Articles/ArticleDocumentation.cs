using System.Text.Json.Nodes;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Core.Content;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MagSleep.Api.Features.Articles;

/// <summary>The JSON-LD representation of GET /articles/{slug} is not the plain article: it gets the schema <see cref="JsonLd.MedicalWebPage"/> writes.</summary>
internal sealed class ArticleDocumentation(ContentStore store) : IOperationFilter
{
    public const string SchemaName = "MedicalWebPage";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId != "GetArticle" || operation.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse { Content: { } content })
        {
            return;
        }

        if (!context.SchemaRepository.Schemas.ContainsKey(SchemaName))
        {
            context.SchemaRepository.AddDefinition(SchemaName, MedicalWebPage(store.Current.Languages.Tags));
        }

        content[JsonLd.MediaType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(SchemaName, context.Document) };
    }

    private static OpenApiSchema MedicalWebPage(IReadOnlyList<string> languages)
    {
        return Node("schema.org MedicalWebPage", "MedicalWebPage",
            ("@context", Const("https://schema.org")),
            ("@id", Text("The article's path with its language; sections are `#` + section id.", "uri-reference")),
            ("url", Text("As `@id`.", "uri-reference")),
            ("headline", Text("The title.")),
            ("name", Text("The title.")),
            ("description", Text("The summary.")),
            ("inLanguage", new OpenApiSchema { Type = JsonSchemaType.String, Description = "The language of the page.", Enum = [.. languages.Select(l => (JsonNode)JsonValue.Create(l))] }),
            ("dateModified", Text("When the text last changed.", "date")),
            ("lastReviewed", Text("When the text was last checked against its source.", "date")),
            ("audience", Node("Who the page is written for.", "MedicalAudience", ("audienceType", Const("Patient")))),
            ("hasPart", List("The sections, in reading order.", Node("One section.", "WebPageElement",
                ("@id", Text("The page's `@id` with `#` and the section id.", "uri-reference")), ("identifier", Text("The section id.")), ("name", Text("The heading.")),
                ("abstract", Text("The section summary.")), ("text", Text("The paragraphs, separated by blank lines."))))),
            ("isBasedOn", Node("The source article.", "CreativeWork",
                ("identifier", Text("The source id (S1, S2).")), ("name", Text("Its title.")), ("description", Text("What kind of source it is.")),
                ("publisher", Node("Who published it.", "Organization", ("name", Text("As far as known.")))))),
            ("citation", List("The studies the article cites.", Node("A cited study.", "MedicalStudy",
                ("identifier", Text("The source and its reference number (`S1 ref 12`), or the source and the study id where the source numbers no references (`S2 rats-deficiency-melatonin`).")), ("name", Text("The intervention.")),
                ("studySubject", Text("The population.")), ("description", Text("Design, duration and outcome, as sentences of the page's language."))))),
            ("publisher", Node("MagSleep, which adapted the source.", "Organization", ("name", Const("MagSleep")), ("description", Text("How the source was adapted."))))
        );
    }

    private static OpenApiSchema Text(string description, string? format = null) =>
        new() { Type = JsonSchemaType.String, Description = description.Length == 0 ? null : description, Format = format };

    private static OpenApiSchema Const(string value) => new() { Type = JsonSchemaType.String, Const = value };

    private static OpenApiSchema List(string description, OpenApiSchema items) => new() { Type = JsonSchemaType.Array, Description = description, Items = items };

    /// <summary>A JSON-LD node of <paramref name="type"/>; every property is always sent.</summary>
    private static OpenApiSchema Node(string description, string type, params (string Name, OpenApiSchema Schema)[] properties)
    {
        var all = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal) { ["@type"] = Const(type) };
        foreach (var (name, schema) in properties)
        {
            all[name] = schema;
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = description.Length == 0 ? null : description,
            Properties = all,
            Required = new SortedSet<string>(all.Keys, StringComparer.Ordinal),
            AdditionalPropertiesAllowed = false,
        };
    }
}
