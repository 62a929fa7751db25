using System.Globalization;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.Http;
using MagSleep.Api.Infrastructure.Validation;
using MagSleep.Core.Content;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MagSleep.Api.Features.Search;

internal static class SearchApi
{
    public static IServiceCollection AddSearch(this IServiceCollection services) =>
        services.AddCheckedSettings<SearchLimits>("Search");

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/search").WithTags("Search");
        group.MapGet("", Search)
            .WithName("SearchArticles")
            .WithSummary("Search the articles")
            .WithDescription("Sections whose heading or text match every term of `q`, best first, in the negotiated language. Chinese queries need no spaces: a phrase that is not found whole is matched by the longest pieces a section contains. " +
                             "The answer is `Cache-Control: no-store`: search terms are health data.")
            .ProducesValidationProblem()
            .WithHealthDataAnswers();
        return routes;
    }

    internal static Results<Ok<ItemsResponse<SearchResult>>, ValidationProblem> Search(
        HttpContext context, ContentStore store, IOptions<SearchLimits> options, [FromQuery] string? q = null, [FromQuery] string? lang = null)
    {
        var limits = options.Value;
        var served = store.Current;
        var query = q?.Trim() ?? "";
        var terms = ArticleSearch.Terms(query);
        if (terms.Length == 0 || query.Length > limits.MaxQueryLength || terms.Length > limits.MaxTerms || terms.Any(t => t.Length > limits.MaxTermLength))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["q"] = [served.Problems.Field("search-query", context.ProblemLanguage(), new Dictionary<string, string>
                {
                    ["maxTerms"] = limits.MaxTerms.ToString(CultureInfo.InvariantCulture),
                    ["maxTermLength"] = limits.MaxTermLength.ToString(CultureInfo.InvariantCulture),
                    ["maxQueryLength"] = limits.MaxQueryLength.ToString(CultureInfo.InvariantCulture),
                })],
            });
        }

        var language = LanguageNegotiation.ForResponse(context, lang);
        var hits = served.Search.Find(terms, language, limits.MaxPieces);
        return TypedResults.Ok(new ItemsResponse<SearchResult>([.. hits.Select(hit =>
            new SearchResult(hit.Section.Slug, hit.Section.ArticleTitle, hit.Section.SectionId, hit.Section.Heading, hit.Snippet))]));
    }
}
