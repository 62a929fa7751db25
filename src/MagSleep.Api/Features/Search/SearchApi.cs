using MagSleep.Api.Features.Articles;
using MagSleep.Api.Infrastructure;
using MagSleep.Core.Content;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MagSleep.Api.Features.Search;

/// <summary>A section that matches the query.</summary>
public sealed record SearchResult(string Slug, string ArticleTitle, string SectionId, string Heading, string Snippet)
{
    internal static SearchResult Of(RankedSection hit) =>
        new(hit.Section.Slug, hit.Section.ArticleTitle, hit.Section.SectionId, hit.Section.Heading, hit.Snippet.ToString());
}

internal static class SearchApi
{
    internal const int MaxQueryLength = 200;

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/search", Search)
            .WithTags("Articles")
            .WithName("SearchArticles")
            .WithSummary("Search the articles")
            .WithDescription("Sections whose heading or text match every term of `q`, best first, in the negotiated language. Chinese queries need no spaces: a phrase that is not found whole is matched by its character pairs.")
            .ProducesValidationProblem();
        return routes;
    }

    internal static Results<ContentResponse<ItemsResponse<SearchResult>>, ValidationProblem> Search(
        HttpRequest request, ContentStore store, [FromQuery] string? q = null, [FromQuery] string? lang = null)
    {
        var query = q?.Trim();
        if (string.IsNullOrEmpty(query) || query.Length > MaxQueryLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["q"] = [$"A search needs a query of 1 to {MaxQueryLength} characters."],
            });
        }

        var language = LanguageNegotiation.Resolve(request, lang);
        var content = store.Current;
        var terms = ArticleSearch.Terms(query);
        var etag = EntityTags.ForInputs(content.Snapshot.Version, ["search", language, .. terms]);
        return ContentResponse.Deferred<ItemsResponse<SearchResult>>(etag, language, () => PooledBuffer.Json(
            new ItemsResponse<SearchResult>([.. content.Snapshot.Search.Rank(terms, language).Select(SearchResult.Of)]), ApiJsonContext.Default.ItemsResponseSearchResult, 8192));
    }
}
