using System.Reflection;
using System.Text.Json.Nodes;
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

            options.OperationFilter<ParameterDocumentation>();
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

        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "MagSleep API v1");
            options.DocumentTitle = "MagSleep API";
        });
        return app;
    }

    /// <summary>Describes the shared parameters once, with examples that work when tried from the explorer.</summary>
    private sealed class ParameterDocumentation : IOperationFilter
    {
        private static readonly Dictionary<string, (string Description, string Example)> Known = new(StringComparer.Ordinal)
        {
            ["lang"] = ("Response language: `en` or `zh-CN` (`zh` and `zh-Hans` also mean zh-CN). Wins over Accept-Language; anything else falls back to en.", "zh-CN"),
            ["slug"] = ("The article's slug, e.g. `magnesium-and-sleep` or `magnesium-insomnia-pathways`.", "magnesium-and-sleep"),
            ["sectionId"] = ("A section id; the same in every language.", "what-is-magnesium"),
            ["q"] = ("Search terms (1–200 characters). Every term must match; Chinese needs no spaces.", "melatonin"),
            ["modifiedSince"] = ("Only articles modified on or after this ISO date or date-time.", "2026-01-01"),
        };

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.Name is { } name && Known.TryGetValue(name, out var doc))
                {
                    parameter.Description = doc.Description;
                    parameter.Example = JsonValue.Create(doc.Example);
                }
            }
        }
    }
}
