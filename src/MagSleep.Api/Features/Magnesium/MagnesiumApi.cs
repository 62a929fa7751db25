using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.Http;
using MagSleep.Api.Infrastructure.Validation;
using MagSleep.Core.Rules;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MagSleep.Api.Features.Magnesium;

internal static class MagnesiumApi
{
    public static IEndpointRouteBuilder MapMagnesium(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/magnesium").WithTags("Magnesium");

        group.MapPost("/dose-checks", CheckDose)
            .WithName("CheckDose")
            .WithSummary("Check a daily magnesium dose for one person")
            .WithDescription("Converts a compound amount to elemental magnesium, places it in the dose tiers of source S2, compares it with the supplemental upper limit for the person's age, " +
                             "and flags risk groups (kidney disease, medicines, pregnancy or breastfeeding, under 18, medical conditions, deficiency risk). " +
                             "The verdict is the strictest finding; where the sources disagree, the stricter one wins and `conflicts` says so. " +
                             "A consult-clinician answer names no tier bounds, intake or `supplementUpperLimit`: a limit is told only in the finding that explains it. " +
                             "Not a diagnosis. Answers are not logged, cached or stored.")
            .WithValidation<DoseCheckRequest>();

        group.MapGet("/forms", GetForms)
            .WithName("ListForms")
            .WithSummary("List the magnesium forms")
            .WithDescription("Each form with its chemical formula (anhydrous), molar mass and the elemental fraction computed from the formula.")
            .CacheAsContent();

        group.MapGet("/forms/{id}", GetForm)
            .WithName("GetForm")
            .WithSummary("Get one magnesium form")
            .WithDescription("One form of the catalogue by id, e.g. `glycinate` or `l-threonate`.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .CacheAsContent();

        group.MapGet("/dose-tiers", GetDoseTiers)
            .WithName("ListDoseTiers")
            .WithSummary("List the dose tiers and upper limits")
            .WithDescription("The daily dose tiers of source S2 with their exact bounds, and the supplemental upper limit by age (ODS, S1).")
            .CacheAsContent();

        group.MapGet("/risk-groups", GetRiskGroups)
            .WithName("ListRiskGroups")
            .WithSummary("List the risk groups")
            .WithDescription("The risk rules a dose check applies, with their severity, message and sources, including medicine groups with spacing advice.")
            .CacheAsContent();

        return routes;
    }

    internal static Ok<DoseCheckResult> CheckDose([FromBody] DoseCheckRequest request, HttpContext context, ContentStore store, [FromQuery] string? lang = null)
    {
        var language = LanguageNegotiation.ForResponse(context, lang);
        var rules = store.Current.Rules;
        return TypedResults.Ok(rules.CheckDose(request.ToProfile(), request.ToDose(rules), language));
    }

    internal static ContentResponse<ItemsResponse<FormView>> GetForms(HttpRequest request, ContentStore store, [FromQuery] string? lang = null)
    {
        var language = LanguageNegotiation.Resolve(request, lang);
        return ContentResponse.Of(new ItemsResponse<FormView>(store.Current.Rules.Forms(language)), language);
    }

    internal static Results<ContentResponse<FormView>, ProblemHttpResult> GetForm(HttpRequest request, ContentStore store, string id, [FromQuery] string? lang = null)
    {
        var language = LanguageNegotiation.Resolve(request, lang);
        var content = store.Current;
        var form = content.Rules.Form(id, language);
        if (form is null)
        {
            return Problems.NotFound("form-not-found", new() { ["forms"] = content.Rules.FormIds.Order(StringComparer.Ordinal).ToArray() });
        }

        return ContentResponse.Of(form, language);
    }

    internal static ContentResponse<DoseTierCatalogue> GetDoseTiers(HttpRequest request, ContentStore store, [FromQuery] string? lang = null)
    {
        var language = LanguageNegotiation.Resolve(request, lang);
        return ContentResponse.Of(store.Current.Rules.DoseTiers(language), language);
    }

    internal static ContentResponse<RiskGroupCatalogue> GetRiskGroups(HttpRequest request, ContentStore store, [FromQuery] string? lang = null)
    {
        var language = LanguageNegotiation.Resolve(request, lang);
        return ContentResponse.Of(store.Current.Rules.RiskGroups(language), language);
    }
}
