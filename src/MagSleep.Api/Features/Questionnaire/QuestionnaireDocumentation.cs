using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Core.Content;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using DataType = Hl7.Fhir.Model.DataType;

namespace MagSleep.Api.Features.Questionnaire;

/// <summary>
/// The FHIR form of the assessment is a second endpoint on the same route and method, which the OpenAPI document
/// cannot hold as a second operation: it is left out of the description and added to the plain operation as a
/// second request media type instead, with an example built from the questionnaire being served.
/// </summary>
internal sealed class QuestionnaireDocumentation(ContentStore store) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var path = context.ApiDescription.RelativePath;
        var snapshot = store.Current;
        if (path == "api/v1/insomnia/assessments" && context.ApiDescription.HttpMethod == "POST" && operation.RequestBody is OpenApiRequestBody body)
        {
            body.Content ??= new Dictionary<string, OpenApiMediaType>();
            body.Content[FhirForms.MediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "A completed FHIR R4 QuestionnaireResponse to GET /api/v1/insomnia/questionnaire." },
                Example = JsonNode.Parse(JsonSerializer.Serialize(Example(FhirForms.Canonical(snapshot.Questionnaire)), FhirForms.Options)),
            };
            operation.Description += " The same answers may be sent as a FHIR R4 QuestionnaireResponse with `Content-Type: application/fhir+json` " +
                                     "(see GET /api/v1/insomnia/questionnaire); its 400s name the linkId, in the negotiated language.";
        }
        else if (path == "api/v1/insomnia/questionnaire" && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response && response.Content is { } content)
        {
            var example = JsonNode.Parse(JsonSerializer.Serialize(FhirForms.Build(snapshot.Questionnaire, snapshot.Rules, snapshot.Languages.Default), FhirForms.Options));
            if (!context.SchemaRepository.Schemas.ContainsKey(QuestionnaireSchema))
            {
                context.SchemaRepository.AddDefinition(QuestionnaireSchema, Questionnaire(snapshot.Languages.Tags));
            }

            foreach (var media in content.Values.OfType<OpenApiMediaType>())
            {
                media.Schema = new OpenApiSchemaReference(QuestionnaireSchema, context.Document);
                media.Example = example?.DeepClone();
            }
        }
    }

    private const string QuestionnaireSchema = "FhirQuestionnaire";

    /// <summary>What this service's Questionnaire always has; the rest is FHIR R4's (http://hl7.org/fhir/R4/questionnaire.html).</summary>
    private static OpenApiSchema Questionnaire(IReadOnlyList<string> languages)
    {
        static OpenApiSchema Text(string? format = null) => new() { Type = JsonSchemaType.String, Format = format };

        var item = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A question, or a group of them (`item`). A question's linkId is the field name of POST /api/v1/insomnia/assessments.",
            Required = new SortedSet<string>(["linkId", "text", "type"], StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["linkId"] = Text(),
                ["text"] = Text(),
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. new[] { "group", "integer", "boolean", "display" }.Select(t => (JsonNode)JsonValue.Create(t))] },
                ["required"] = new OpenApiSchema { Type = JsonSchemaType.Boolean },
                ["item"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Object } },
            },
        };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An HL7 FHIR R4 Questionnaire resource.",
            Required = new SortedSet<string>(["resourceType", "id", "language", "url", "version", "name", "title", "status", "item"], StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["resourceType"] = new OpenApiSchema { Type = JsonSchemaType.String, Const = "Questionnaire" },
                ["id"] = Text(),
                ["language"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. languages.Select(l => (JsonNode)JsonValue.Create(l))] },
                ["url"] = Text("uri"),
                ["version"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The rule set's version." },
                ["name"] = Text(),
                ["title"] = Text(),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. new[] { "draft", "active", "retired", "unknown" }.Select(t => (JsonNode)JsonValue.Create(t))] },
                ["subjectType"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text() },
                ["description"] = Text(),
                ["item"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = item },
            },
        };
    }

    /// <summary>The answers of the plain request's example, grouped as the questionnaire groups them.</summary>
    internal static QuestionnaireResponse Example(string canonical)
    {
        static QuestionnaireResponse.ItemComponent Answer(string linkId, DataType value) =>
            new() { LinkId = linkId, Answer = [new QuestionnaireResponse.AnswerComponent { Value = value }] };

        return new QuestionnaireResponse
        {
            Questionnaire = canonical,
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Item =
            [
                new QuestionnaireResponse.ItemComponent
                {
                    LinkId = "numbers",
                    Item = [Answer("sleepOnsetMinutes", new Integer(45)), Answer("nightWakings", new Integer(2)), Answer("nightsPerWeek", new Integer(4)), Answer("durationDays", new Integer(60))],
                },
                new QuestionnaireResponse.ItemComponent
                {
                    LinkId = "symptoms",
                    Item = [Answer("hardToFallBackAsleep", new FhirBoolean(true)), Answer("unrefreshingSleep", new FhirBoolean(true)), Answer("daytimeImpact", new FhirBoolean(true))],
                },
                new QuestionnaireResponse.ItemComponent
                {
                    LinkId = "patterns",
                    Item = [Answer("racingMind", new FhirBoolean(true)), Answer("underStress", new FhirBoolean(true))],
                },
            ],
        };
    }
}
