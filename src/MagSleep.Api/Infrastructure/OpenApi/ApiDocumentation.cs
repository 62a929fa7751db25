using System.Reflection;
using MagSleep.Api.Infrastructure.Partners;
using MagSleep.Api.Infrastructure.Validation;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MagSleep.Api.Infrastructure.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document at /swagger/v1/swagger.json and its explorer. Features add their own examples and
/// representations with operation filters; what is common to every operation (keys, limits, languages, caching,
/// problems, the shape of every schema) is described here.
/// </summary>
internal static class ApiDocumentation
{
    public const string DocumentPath = "/swagger/v1/swagger.json";
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>The order a user works in, each with what it is for.</summary>
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Articles", "The two source articles as structured JSON (or schema.org JSON-LD) in every served language, their sections and the studies they cite."),
        ("Search", "Full-text search over the sections of both articles, in any served language."),
        ("Screening", "The sleep check: answers screened for an insomnia pattern, plainly or as a FHIR R4 QuestionnaireResponse to the served Questionnaire."),
        ("Magnesium", "Dose checks for one person, and the catalogues they rest on: forms, dose tiers and upper limits, risk groups."),
        ("Guidance", "One explained plan from the screening, the person's risk groups and an optional dose."),
        ("Rules", "The whole rule set the engine evaluates, with sources and texts in every served language."),
        ("Health", "Liveness and readiness probes for the platform; never rate-limited."),
    ];

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedSettings<OpenApiSettings>(OpenApiSettings.Section);
        services.AddEndpointsApiExplorer();
        services.AddSingleton(_ => DocumentInfo.From(configuration));
        services.AddOptions<SwaggerGenOptions>().Configure<DocumentInfo>((options, info) => options.SwaggerDoc("v1", new OpenApiInfo
        {
            Title = "MagSleep API",
            Version = "v1",
            Description = "Evidence-labelled guidance on magnesium and sleep: two source articles as structured JSON in every served language (the `lang` parameter lists them). " +
                          "General information, not medical advice. Anonymous calls are allowed; partners send their key in `X-Api-Key` for a higher rate limit.",
            Contact = info.Contact,
            License = info.License,
        }));
        services.AddSwaggerGen(options =>
        {
            foreach (var assembly in new[] { Assembly.GetExecutingAssembly(), typeof(Core.Rules.RulesEngine).Assembly })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, $"{assembly.GetName().Name}.xml");
                if (File.Exists(xml))
                {
                    options.IncludeXmlComments(xml);
                }
            }

            // GET routes also answer HEAD; the document lists each operation once.
            options.DocInclusionPredicate((_, api) => api.HttpMethod != HttpMethods.Head);
            options.AddSecurityDefinition(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeys.Header,
                Description = "A partner's key. Optional: without it a call is anonymous, with the lower per-address rate limit. A key that is sent must be valid (401 otherwise).",
            });
            options.MapType<MagSleep.Core.Content.LocalizedText>(() => new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "One text per served language, keyed by its tag (the `lang` parameter lists them).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            options.SchemaFilter<SchemaShapes>();
            options.OperationFilter<ParameterDocumentation>();
            options.OperationFilter<ResponseDocumentation>();
            options.DocumentFilter<DocumentShape>();
        });
        return services;
    }

    /// <summary>The explorer and the document can be switched off with OpenApi:Enabled=false.</summary>
    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<OpenApiSettings>>().Value.Enabled)
        {
            return app;
        }

        // Branched so that API requests do not pass through the explorer's path matching.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), explorer =>
        {
            explorer.UseSwagger(options => options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1);
            explorer.UseSwaggerUI(options =>
            {
                options.SwaggerEndpoint(DocumentPath, "MagSleep API v1");
                options.DocumentTitle = "MagSleep API";
                options.EnablePersistAuthorization();
            });
        });
        return app;
    }

    /// <summary>Tags in <see cref="Tags"/>' order with their descriptions, a relative server so the explorer works behind a proxy, and the optional key.</summary>
    private sealed class DocumentShape : IDocumentFilter
    {
        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            ResponseDocumentation.AddProblemSchemas(document);
            document.Servers = [new OpenApiServer { Url = "/", Description = "The host that served this document" }];
            document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
                new OpenApiSecurityRequirement(),
            ];
        }
    }
}
