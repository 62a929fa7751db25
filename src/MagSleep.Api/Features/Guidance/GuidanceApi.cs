using MagSleep.Api.Features.Magnesium;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.Http;
using MagSleep.Api.Infrastructure.Validation;
using MagSleep.Core.Rules;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MagSleep.Api.Features.Guidance;

internal static class GuidanceApi
{
    public static IEndpointRouteBuilder MapGuidance(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/guidance").WithTags("Guidance");
        group.MapPost("", Guide)
            .WithName("BuildGuidancePlan")
            .WithSummary("Build an explained guidance plan")
            .WithDescription("Combines the insomnia screening, the person's risk groups and an optional dose into one plan: recommended forms ranked for the person's pathways, " +
                             "a daily range of elemental magnesium that never exceeds the supplemental upper limit, how long to try, what to pair it with, lifestyle steps and food sources. " +
                             "When the verdict is consult-clinician there is no range; the plan says why and what to bring to a clinician. When the answers show no sleep complaint (classification no-pattern, which the assessment summary explains) there is no range either, only the lifestyle and food advice. Not a diagnosis. Answers are not logged, cached or stored.")
            .WithValidation<GuidanceRequest>();
        return routes;
    }

    internal static Ok<GuidanceResult> Guide([FromBody] GuidanceRequest request, HttpContext context, ContentStore store, [FromQuery] string? lang = null)
    {
        var language = LanguageNegotiation.ForResponse(context, lang);
        var rules = store.Current.Rules;
        return TypedResults.Ok(rules.Guide(request.Sleep!.ToAnswers(), request.Profile!.ToProfile(), request.Dose?.ToDose(rules), language));
    }
}
