using System.Text.Json;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.Http;
using MagSleep.Api.Infrastructure.Validation;
using MagSleep.Core.Rules;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MagSleep.Api.Features.Questionnaire;

internal static class QuestionnaireApi
{
    public static IEndpointRouteBuilder MapQuestionnaire(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/insomnia").WithTags("Screening");
        group.MapGet("/questionnaire", GetQuestionnaire)
            .WithName("GetInsomniaQuestionnaire")
            .WithSummary("Get the sleep questions as a FHIR R4 Questionnaire")
            .WithDescription("The questions of the sleep check in the negotiated language, as an HL7 FHIR R4 Questionnaire that any SDC form renderer can show. " +
                             "Each question's linkId is the field name of POST /insomnia/assessments; number questions carry the accepted range as the SDC minValue/maxValue extensions. " +
                             "`version` is the rule set's version with a digest of the questions, so it changes whenever what is shown does. " +
                             "With `Accept: application/fhir+json` (without fhirVersion, or fhirVersion=4.0) or `_format` (`json`, `application/json` or `application/fhir+json`) it is served as application/fhir+json, otherwise as application/json; any other `_format` is a 400.")
            .Produces<JsonElement>(StatusCodes.Status200OK, FhirForms.MediaType, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem()
            .CacheAsContent(queryKeys: [FhirForms.Format], mediaType: request => FhirForms.IsWanted(request) ? FhirForms.MediaType : "application/json");

        // Described in the OpenAPI document as a media type of the plain operation (QuestionnaireDocumentation).
        // A second endpoint on the assessment route, picked by routing for this Content-Type (IAcceptsMetadata), so
        // the plain JSON endpoint is left as it is. Its lower order breaks the tie with application/json, which
        // application/fhir+json also matches as a +json type.
        group.MapPost("/assessments", AssessResponse)
            .WithName("AssessInsomniaQuestionnaireResponse")
            .WithSummary("Screen sleep answers sent as a FHIR QuestionnaireResponse")
            .WithDescription("The same assessment as the plain JSON request, for answers sent as a completed FHIR R4 QuestionnaireResponse to GET /insomnia/questionnaire " +
                             "(`questionnaire` is its url|version; status completed or amended; answers as valueInteger / valueBoolean, grouped or flat). " +
                             "A Content-Type naming another fhirVersion than 4.0 is a 415. " +
                             "An unknown linkId, a wrong value type, a missing required answer, an answer out of range or a response to another version is a 400 naming the linkId, in the negotiated language. " +
                             "A modifierExtension or implicitRules, which this service does not understand, is a 400 naming where it is; a plain extension is ignored. " +
                             "Answers are not logged, cached or stored.")
            .Accepts<JsonElement>(FhirForms.MediaType)
            .WithBodyLimit()
            .WithOrder(-1)
            .ExcludeFromDescription();
        return routes;
    }

    internal static Results<ContentResponse<JsonElement>, ValidationProblem> GetQuestionnaire(
        HttpRequest request, ContentStore store, [FromQuery] string? lang = null, [FromQuery(Name = FhirForms.Format)] string? format = null)
    {
        var language = LanguageNegotiation.Resolve(request, lang);
        var content = store.Current;
        if (request.Query.ContainsKey(FhirForms.Format) && !FhirForms.JsonFormats.Contains(format, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [FhirForms.Format] = [content.Problems.Field("fhir-format", request.HttpContext.ProblemLanguage())],
            });
        }

        var fhir = FhirForms.IsWanted(request);
        var questionnaire = JsonSerializer.SerializeToElement(FhirForms.Build(content.Questionnaire, content.Rules, language), FhirForms.Options);
        return ContentResponse.Of(questionnaire, language, fhir ? FhirForms.MediaType : "application/json");
    }

    internal static async Task<Results<Ok<AssessmentResult>, ValidationProblem>> AssessResponse(HttpContext context, ContentStore store, [FromQuery] string? lang = null)
    {
        if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var sent) && !FhirForms.IsR4(sent.Parameters))
        {
            throw new BadHttpRequestException("The body is of another FHIR version.", StatusCodes.Status415UnsupportedMediaType);
        }

        var served = store.Current;
        var language = LanguageNegotiation.ForResponse(context, lang);
        var read = await ResponseReader.ReadAsync(context.Request, served.Questionnaire, served.Rules, language);
        if (read.Answers is null)
        {
            return TypedResults.ValidationProblem(read.Errors, title: "response-mismatch");
        }

        return TypedResults.Ok(served.Rules.Assess(read.Answers, language));
    }
}
