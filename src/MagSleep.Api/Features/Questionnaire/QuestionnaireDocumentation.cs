using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using MagSleep.Api.Infrastructure;
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
        var snapshot = store.Current.Snapshot;
        if (path == "api/v1/insomnia/assessments" && context.ApiDescription.HttpMethod == "POST" && operation.RequestBody is OpenApiRequestBody body)
        {
            body.Content ??= new Dictionary<string, OpenApiMediaType>();
            body.Content[FhirForms.MediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "A completed FHIR R4 QuestionnaireResponse to GET /api/v1/insomnia/questionnaire." },
                Example = JsonNode.Parse(JsonSerializer.Serialize(Example(FhirForms.Canonical(snapshot.Questionnaire, snapshot.Rules)), FhirForms.Options)),
            };
            operation.Description += " The same answers may be sent as a FHIR R4 QuestionnaireResponse with `Content-Type: application/fhir+json` " +
                                     "(see GET /api/v1/insomnia/questionnaire); its 400s name the linkId, in the negotiated language.";
        }
        else if (path == "api/v1/insomnia/questionnaire" && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response && response.Content is { } content)
        {
            var example = JsonNode.Parse(JsonSerializer.Serialize(FhirForms.Build(snapshot.Questionnaire, snapshot.Rules, Languages.English), FhirForms.Options));
            foreach (var media in content.Values.OfType<OpenApiMediaType>())
            {
                media.Example = example?.DeepClone();
            }
        }
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
