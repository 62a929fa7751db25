using System.Reflection;
using System.Text.Json.Nodes;
using MagSleep.Api.Features.Guidance;
using MagSleep.Api.Features.Magnesium;
using MagSleep.Api.Features.Screening;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MagSleep.Api.Infrastructure;

internal static class OpenApi
{
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "MagSleep API",
                Version = "v1",
                Description = "Evidence-labelled guidance on magnesium and sleep: two source articles as structured, bilingual JSON (en, zh-CN). " +
                              "General information, not medical advice.",
            });
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml);
            }

            // GET routes also answer HEAD; the document lists each operation once.
            options.DocInclusionPredicate((_, api) => api.HttpMethod != HttpMethods.Head);
            options.OperationFilter<ParameterDocumentation>();
            options.SchemaFilter<RequestSchemas>();
            options.OperationFilter<RequestExamples>();
        });
        return services;
    }

    /// <summary>The explorer and the document can be switched off with OpenApi:Enabled=false.</summary>
    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        if (!app.Configuration.GetValue("OpenApi:Enabled", true))
        {
            return app;
        }

        // Branched so that API requests do not pass through the explorer's path matching.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), explorer =>
        {
            explorer.UseSwagger();
            explorer.UseSwaggerUI(options =>
            {
                options.SwaggerEndpoint("/swagger/v1/swagger.json", "MagSleep API v1");
                options.DocumentTitle = "MagSleep API";
            });
        });
        return app;
    }

    /// <summary>Describes the shared parameters once, with examples that work when tried from the explorer.</summary>
    private sealed class ParameterDocumentation(ContentStore store) : IOperationFilter
    {
        private static readonly Dictionary<string, (string Description, string Example)> Known = new(StringComparer.Ordinal)
        {
            ["lang"] = ("", "zh-CN"),
            ["slug"] = ("The article's slug, e.g. `magnesium-and-sleep` or `magnesium-insomnia-pathways`.", "magnesium-and-sleep"),
            ["sectionId"] = ("A section id; the same in every language.", "what-is-magnesium"),
            ["q"] = ("Search terms (1–200 characters). Every term must match; Chinese needs no spaces.", "melatonin"),
            ["modifiedSince"] = ("Only articles modified on or after this ISO date or date-time.", "2026-01-01"),
        };

        /// <summary>The served languages and their aliases, as the content lists them.</summary>
        private static string LangDescription(MagSleep.Core.Content.Languages languages) =>
            "Response language: " + string.Join(" or ", languages.All.Select(l => $"`{l.Tag}`" +
                (l.Aliases is { Count: > 0 } aliases ? $" (also {string.Join(", ", aliases.Select(a => $"`{a}`"))})" : ""))) +
            $". Wins over Accept-Language; anything else falls back to {languages.Default}.";

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.Name is { } name && Known.TryGetValue(name, out var doc))
                {
                    parameter.Description = name == "lang" ? LangDescription(store.Current.Snapshot.Languages) : doc.Description;
                    parameter.Example = JsonValue.Create(doc.Example);
                }
            }
        }
    }

    /// <summary>
    /// Request bodies get their required fields, the ids the rule set currently accepts, and an example that works
    /// as it stands when tried from the explorer.
    /// </summary>
    private sealed class RequestSchemas(ContentStore store) : ISchemaFilter
    {
        public static readonly Dictionary<Type, (string[] Required, string Example)> Requests = new()
        {
            [typeof(AssessmentRequest)] = (["sleepOnsetMinutes", "nightWakings", "nightsPerWeek", "durationDays"],
                """{"sleepOnsetMinutes":45,"nightWakings":2,"nightsPerWeek":4,"durationDays":60,"hardToFallBackAsleep":true,"unrefreshingSleep":true,"daytimeImpact":true,"racingMind":true,"underStress":true}"""),
            [typeof(DoseCheckRequest)] = (["amountMg", "age"],
                """{"amountMg":1500,"amountBasis":"compound","form":"glycinate","age":42,"sex":"female","medications":["blood-pressure"]}"""),
            [typeof(ProfileRequest)] = (["age"], """{"age":42,"sex":"female"}"""),
            [typeof(DoseRequest)] = (["amountMg"], """{"amountMg":250}"""),
            [typeof(GuidanceRequest)] = (["sleep", "profile"],
                """{"sleep":{"sleepOnsetMinutes":50,"nightWakings":1,"nightsPerWeek":5,"durationDays":45,"racingMind":true,"nightLegCramps":true},"profile":{"age":42,"sex":"female"},"dose":{"amountMg":250}}"""),
        };

        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is not OpenApiSchema target || !Requests.TryGetValue(context.Type, out var request))
            {
                return;
            }

            target.Required = new HashSet<string>(request.Required, StringComparer.Ordinal);
            var rules = store.Current.Snapshot.Rules;
            Restrict(target, "form", rules.FormIds);
            Restrict(target, "medications", rules.MedicationIds);
            Restrict(target, "conditions", rules.ConditionIds);
        }

        private static void Restrict(OpenApiSchema schema, string property, IReadOnlySet<string> ids)
        {
            if (schema.Properties?.TryGetValue(property, out var field) != true || field is not OpenApiSchema fieldSchema)
            {
                return;
            }

            var target = fieldSchema.Items as OpenApiSchema ?? fieldSchema;
            target.Enum = [.. ids.Order(StringComparer.Ordinal).Select(id => (JsonNode)JsonValue.Create(id))];
        }
    }

    private sealed class RequestExamples : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var body = context.ApiDescription.ParameterDescriptions.FirstOrDefault(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body);
            if (body is null || !RequestSchemas.Requests.TryGetValue(body.Type, out var request) || operation.RequestBody?.Content is null)
            {
                return;
            }

            foreach (var media in operation.RequestBody.Content.Values.OfType<OpenApiMediaType>())
            {
                media.Example = JsonNode.Parse(request.Example);
            }
        }
    }
}
