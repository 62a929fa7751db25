using System.Globalization;
using System.Text.Json.Nodes;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MagSleep.Api.Features.Articles;

internal static class ArticlesApi
{
    public static IEndpointRouteBuilder MapArticles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/articles").WithTags("Articles");

        group.MapGet("/", GetCatalogue)
            .WithName("ListArticles")
            .WithSummary("List the articles")
            .WithDescription("The catalogue of articles in the negotiated language. `modifiedSince` (an ISO date or date-time) keeps only articles whose dateModified is on or after that day.")
            .ProducesValidationProblem()
            .CacheAsContent(queryKeys: ["modifiedSince"]);

        group.MapGet("/{slug}", GetArticle)
            .WithName("GetArticle")
            .WithSummary("Get a whole article")
            .WithDescription("The whole article in the negotiated language: sections with key points, the studies it cites as structured records, source attribution and review dates. " +
                             "With `Accept: application/ld+json` the same article comes as a schema.org MedicalWebPage.")
            .Produces<ArticleResponse>(StatusCodes.Status200OK, "application/json", JsonLd.MediaType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .CacheAsContent(mediaType: JsonLd.MediaTypeFor);

        group.MapGet("/{slug}/sections/{sectionId}", GetSection)
            .WithName("GetArticleSection")
            .WithSummary("Get one section of an article")
            .WithDescription("One section, with the studies it discusses. Section ids are the same in every language.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .CacheAsContent();

        return routes;
    }

    internal static Results<ContentResponse<ItemsResponse<ArticleSummary>>, ValidationProblem> GetCatalogue(
        HttpRequest request, ContentStore store, [FromQuery] string? lang = null, [FromQuery] string? modifiedSince = null)
    {
        var language = LanguageNegotiation.Resolve(request, lang);
        var served = store.Current;
        var articles = served.Articles;
        if (!request.Query.ContainsKey("modifiedSince"))
        {
            return ContentResponse.Of(new ItemsResponse<ArticleSummary>([.. articles.Select(a => a.ToSummary(language))]), language);
        }

        if (!TryParseDay(modifiedSince ?? "", out var since))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["modifiedSince"] = [served.Problems.Field("date", request.HttpContext.ProblemLanguage())],
            });
        }

        // Made from a date the client chose, so not compressed (see ContentResponse.Of).
        return ContentResponse.Of(new ItemsResponse<ArticleSummary>([.. articles
            .Select(a => a.ToSummary(language))
            .Where(a => a.DateModified >= since)]), language, compress: false);
    }

    internal static Results<ContentResponse<ArticleResponse>, ContentResponse<JsonObject>, ProblemHttpResult> GetArticle(
        HttpRequest request, ContentStore store, string slug, [FromQuery] string? lang = null)
    {
        var language = LanguageNegotiation.Resolve(request, lang);
        var content = store.Current;
        var set = content.FindArticle(slug);
        if (set is null)
        {
            return Problems.NotFound("article-not-found");
        }

        if (JsonLd.MediaTypeFor(request) == JsonLd.MediaType)
        {
            var article = set.In(language);
            return ContentResponse.Of(JsonLd.MedicalWebPage(article, content.Languages[article.Language]), language, JsonLd.MediaType);
        }

        return ContentResponse.Of(set.ToResponse(language), language);
    }

    internal static Results<ContentResponse<SectionResponse>, ProblemHttpResult> GetSection(
        HttpRequest request, ContentStore store, string slug, string sectionId, [FromQuery] string? lang = null)
    {
        var language = LanguageNegotiation.Resolve(request, lang);
        var set = store.Current.FindArticle(slug);
        if (set is null)
        {
            return Problems.NotFound("article-not-found");
        }

        var article = set.In(language);
        var section = article.Sections.FirstOrDefault(s => s.Id == sectionId);
        if (section is null)
        {
            return Problems.NotFound("section-not-found");
        }

        return ContentResponse.Of(article.ToResponse(section), language);
    }

    private static bool TryParseDay(string text, out DateOnly day)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return true;
        }

        // DateTimeOffset.TryParse skips white space around the value; a padded value is not exactly one date.
        if (text.Length > 0 && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1])
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) && text.Contains('T'))
        {
            day = DateOnly.FromDateTime(moment.UtcDateTime);
            return true;
        }

        return false;
    }
}
