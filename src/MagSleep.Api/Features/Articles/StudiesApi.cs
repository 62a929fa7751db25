using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;

namespace MagSleep.Api.Features.Articles;

internal static class StudiesApi
{
    public static IEndpointRouteBuilder MapStudies(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/studies").WithTags("Articles");
        group.MapGet("", GetStudies)
            .WithName("ListStudies")
            .WithSummary("List the studies the articles cite")
            .WithDescription("Every study cited by either article as a structured record (population, intervention and dose, duration, design, outcome, reference), in the negotiated language.")
            .CacheAsContent();
        return routes;
    }

    internal static ContentResponse<ItemsResponse<StudyEntry>> GetStudies(HttpRequest request, ContentStore store, [FromQuery] string? lang = null)
    {
        var language = LanguageNegotiation.Resolve(request, lang);
        return ContentResponse.Of(new ItemsResponse<StudyEntry>([..
            from set in store.Current.Articles
            let article = set.In(language)
            from study in article.Studies
            select new StudyEntry(article.Slug, article.Title, study.SectionId, study)]), language);
    }
}
