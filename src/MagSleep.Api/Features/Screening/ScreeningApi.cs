using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.Http;
using MagSleep.Api.Infrastructure.Validation;
using MagSleep.Core.Rules;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MagSleep.Api.Features.Screening;

internal static class ScreeningApi
{
    public static IEndpointRouteBuilder MapScreening(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/insomnia").WithTags("Screening");
        group.MapPost("/assessments", Assess)
            .WithName("AssessInsomnia")
            .WithSummary("Screen sleep answers for an insomnia pattern")
            .WithDescription("Checks the answers against the insomnia criteria of source S2 (a night-time symptom on enough nights a week for long enough; GET /rules gives the thresholds). " +
                             "Returns the classification, each criterion with what was observed, its threshold and source, the magnesium pathways that match the person's pattern, and notes. " +
                             "Not a diagnosis. Answers are not logged, cached or stored.")
            .WithValidation<AssessmentRequest>();
        return routes;
    }

    internal static Ok<AssessmentResult> Assess([FromBody] AssessmentRequest request, HttpContext context, ContentStore store, [FromQuery] string? lang = null)
    {
        var language = LanguageNegotiation.ForResponse(context, lang);
        return TypedResults.Ok(store.Current.Rules.Assess(request.ToAnswers(), language));
    }
}
