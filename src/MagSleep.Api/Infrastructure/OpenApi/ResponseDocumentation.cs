using System.Text.Json.Nodes;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.Http;
using MagSleep.Api.Infrastructure.Partners;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MagSleep.Api.Infrastructure.OpenApi;

/// <summary>
/// What the service's middleware adds to every operation's answers: the key check (401) and the rate limit (429,
/// unless the endpoint is not limited), the language headers of negotiated answers and of every problem, the validators of content
/// answers (ETag, 304) and the problem schemas with their trace id.
/// </summary>
internal sealed class ResponseDocumentation(ContentStore store) : IOperationFilter
{
    public const string ProblemSchema = "Problem";
    public const string ValidationProblemSchema = "ValidationProblem";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var post = context.ApiDescription.HttpMethod == HttpMethods.Post;
        var negotiated = operation.Parameters?.Any(p => p.Name == "lang") == true;
        operation.Responses ??= [];
        var cached = operation.Responses.ContainsKey("304");
        var limited = !context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.RateLimiting.DisableRateLimitingAttribute>().Any();

        Add(operation, "401", "The X-Api-Key header holds no valid key. Leave it out to call anonymously.", context,
            ("WWW-Authenticate", "`ApiKey header=\"X-Api-Key\"`.", Text()));
        if (limited)
        {
            Add(operation, "429", "The rate limit of the key (or, anonymously, of the client address) is used up for this minute.", context,
                (HeaderNames.RetryAfter, "Seconds until the next request may succeed.", new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" }));
        }

        if (negotiated)
        {
            // RefuseUnclearQuery answers for every negotiated operation, before its own validation.
            operation.Responses.TryAdd("400", new OpenApiResponse
            {
                Description = "`lang` is not one language tag: given twice, as a list, padded or empty.",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
            });
            var languages = store.Current.Languages;
            operation.Parameters!.Add(new OpenApiParameter
            {
                Name = HeaderNames.AcceptLanguage,
                In = ParameterLocation.Header,
                Description = $"The preferred language when `lang` is not given: {string.Join(" or ", languages.Tags.Select(t => $"`{t}`"))} " +
                              $"(q-values honoured); anything else means {languages.Default}.",
                Schema = Text(),
            });
        }

        if (cached)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = HeaderNames.IfNoneMatch,
                In = ParameterLocation.Header,
                Description = "An ETag from an earlier answer: 304 without a body while the representation is unchanged.",
                Schema = Text(),
            });
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse answer)
            {
                continue;
            }

            answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
            var problem = answer.Content?.ContainsKey("application/problem+json") == true;
            if (problem)
            {
                answer.Content!["application/problem+json"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchemaReference(status == "400" ? ValidationProblemSchema : ProblemSchema, context.Document),
                };
            }

            var success = status is "200" or "503";
            if (problem || (success && negotiated))
            {
                answer.Headers[HeaderNames.ContentLanguage] = Header("The language of the answer's texts (a comma list for the rule set, which has every language).");
                answer.Headers[HeaderNames.Vary] = Header("The request headers the answer depends on (Accept-Language; for content also Accept and, for a body of 1 KB or more, Accept-Encoding; Origin where CORS origins are configured).");
            }

            if (cached && status is "200" or "304")
            {
                answer.Headers[HeaderNames.ETag] = Header("A strong tag of the media type and bytes sent, for If-None-Match.");
                answer.Headers[HeaderNames.CacheControl] = Header("How long the answer may be kept (`public, max-age=…`).");
            }
            else if (post || HealthDataAnswers.IsMarked(context.ApiDescription.ActionDescriptor.EndpointMetadata))
            {
                answer.Headers[HeaderNames.CacheControl] = Header("`no-store`: what a person sends or searches for is health data.");
            }

            if (answer.Headers.Count == 0)
            {
                answer.Headers = null;
            }
        }
    }

    private static OpenApiSchema Text() => new() { Type = JsonSchemaType.String };

    private static OpenApiHeader Header(string description) => new() { Description = description, Schema = Text() };

    private static void Add(OpenApiOperation operation, string status, string description, OperationFilterContext context, (string Name, string Description, OpenApiSchema Schema) header)
    {
        operation.Responses![status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
            },
            Headers = new Dictionary<string, IOpenApiHeader> { [header.Name] = new OpenApiHeader { Description = header.Description, Schema = header.Schema, Required = true } },
        };
    }

    /// <summary>What every problem carries; a 404 for a form adds the forms there are, and a 400 its field errors.</summary>
    public static void AddProblemSchemas(OpenApiDocument document)
    {
        static OpenApiSchema String(string description, string? format = null) => new() { Type = JsonSchemaType.String, Description = description, Format = format };

        var problem = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem, its title and detail in the negotiated language.",
            Required = new SortedSet<string>(["title", "status", "traceId"], StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = String("A link to the problem type's definition.", "uri-reference"),
                ["title"] = String("The kind of problem."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status." },
                ["detail"] = String("What happened in this case."),
                ["traceId"] = String("The W3C trace id, also on the request's log line: quote it when reporting a problem."),
                ["forms"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text(), Description = "The form ids there are." },
                ["retryAfterSeconds"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "As the Retry-After header." },
            },
            Example = JsonNode.Parse("""{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Article not found","status":404,"detail":"There is no article with this slug.","traceId":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"}"""),
        };
        var validation = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A request with invalid fields: each field named as the client sent it (`sleep.nightWakings`, `body` for the body as a whole), with its errors in the negotiated language.",
            AllOf = [new OpenApiSchemaReference(ProblemSchema, document)],
            Required = new SortedSet<string>(["errors"], StringComparer.Ordinal),
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text(), MinItems = 1 },
                },
            },
            Example = JsonNode.Parse("""{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"The request has invalid fields.","status":400,"traceId":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00","errors":{"age":["Required."]}}"""),
        };
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.Remove("ProblemDetails");
        document.Components.Schemas.Remove("HttpValidationProblemDetails");
        document.Components.Schemas[ProblemSchema] = problem;
        document.Components.Schemas[ValidationProblemSchema] = validation;
    }
}
