using System.Diagnostics;
using System.Globalization;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Core.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace MagSleep.Api.Infrastructure.Http;

internal static class ProblemDetailsSetup
{
    /// <summary>The kind of problem each status is when its title is not a kind of <see cref="ProblemTexts"/> (the framework's own, for example).</summary>
    private static readonly Dictionary<int, string> KindByStatus = new()
    {
        [StatusCodes.Status400BadRequest] = "invalid-fields",
        [StatusCodes.Status401Unauthorized] = "unauthorized",
        [StatusCodes.Status404NotFound] = "not-found",
        [StatusCodes.Status405MethodNotAllowed] = "method-not-allowed",
        [StatusCodes.Status408RequestTimeout] = "request-timeout",
        [StatusCodes.Status413PayloadTooLarge] = "payload-too-large",
        [StatusCodes.Status415UnsupportedMediaType] = "unsupported-media-type",
        [StatusCodes.Status429TooManyRequests] = "too-many-requests",
        [StatusCodes.Status500InternalServerError] = "server-error",
    };

    /// <summary>
    /// Every problem carries the trace id that is also on the request's log line, and is written in the negotiated
    /// language: a problem made in the service is titled with its kind (<c>article-not-found</c>), one made by the
    /// framework is known by its status, and either way its title and detail are the texts of <see cref="ProblemTexts"/>.
    /// </summary>
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        // Host filtering answers before any of the pipeline runs, so its 400 cannot be a problem; without this it is an HTML page.
        services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o => o.IncludeFailureMessage = false);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var http = context.HttpContext;
            var problem = context.ProblemDetails;
            // The path is not named: it can hold what a person typed (a slug, an id); the trace id names the occurrence.
            problem.Instance = null;
            problem.Extensions["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;
            var texts = http.RequestServices.GetRequiredService<ContentStore>().Current.Problems;
            NameTheUnreadableBody(http, problem, texts);
            Localize(http, problem, texts);
        });

        // Binding failures become exceptions so that BadRequestHandler can name the field in the problem.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddExceptionHandler<BrokenBodyHandler>();
        return services;
    }

    public static string ProblemLanguage(this HttpContext context) =>
        LanguageNegotiation.Resolve(context.Request, LanguageNegotiation.OneTag(context.Request.Query["lang"]));

    /// <summary>
    /// A body the framework cannot read (a broken chunked framing it meets while binding) is answered with a bare 400,
    /// and one that stops arriving with a bare 408, which the status-code pages turn into problems naming no field;
    /// like every other 400 they name the body.
    /// </summary>
    private static void NameTheUnreadableBody(HttpContext http, ProblemDetails problem, ProblemTexts texts)
    {
        if (problem is HttpValidationProblemDetails || problem.Extensions.ContainsKey("errors"))
        {
            return;
        }

        var (kind, field) = problem.Status switch
        {
            StatusCodes.Status400BadRequest => ("unreadable", "unreadable"),
            StatusCodes.Status408RequestTimeout => ("request-timeout", "body-timeout"),
            _ => (null, null),
        };
        if (kind is not null)
        {
            problem.Title = kind;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [texts.Field(field!, http.ProblemLanguage())] };
        }
    }

    private static void Localize(HttpContext http, ProblemDetails problem, ProblemTexts texts)
    {
        var language = http.ProblemLanguage();
        if (!http.Response.HasStarted)
        {
            LanguageNegotiation.WriteLanguageHeaders(http.Response, language, HeaderNames.AcceptLanguage);
        }

        var kind = texts.IsKind(problem.Title) ? problem.Title : problem.Status is { } status ? KindByStatus.GetValueOrDefault(status) : null;
        if (kind is null)
        {
            return;
        }

        problem.Title = texts.Get("title." + kind, language);
        if (texts.Has("detail." + kind))
        {
            problem.Detail = texts.Format("detail." + kind, language, Arguments(http, problem));
        }
    }

    /// <summary>A detail's placeholders are the problem's own extensions (the forms there are …) and the Retry-After of a 429.</summary>
    private static Dictionary<string, string> Arguments(HttpContext http, ProblemDetails problem)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in problem.Extensions)
        {
            switch (value)
            {
                case string text:
                    arguments[name] = text;
                    break;
                case IEnumerable<string> list:
                    arguments[name] = string.Join(", ", list);
                    break;
            }
        }

        if (http.Response.Headers.RetryAfter is { Count: > 0 } retryAfter)
        {
            arguments["seconds"] = retryAfter.ToString();
        }

        return arguments;
    }
}
