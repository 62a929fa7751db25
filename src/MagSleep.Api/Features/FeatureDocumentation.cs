using MagSleep.Api.Features.Articles;
using MagSleep.Api.Features.Questionnaire;
using MagSleep.Api.Features.Screening;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MagSleep.Api.Features;

internal static class FeatureDocumentation
{
    /// <summary>What only the features know: their examples, the JSON-LD article, the FHIR request of the assessment, what an observed value is and which rule-set ids a result field holds.</summary>
    public static IServiceCollection AddFeatureDocumentation(this IServiceCollection services) =>
        services.Configure<SwaggerGenOptions>(options =>
        {
            options.OperationFilter<ExampleDocumentation>();
            options.OperationFilter<ArticleDocumentation>();
            options.OperationFilter<QuestionnaireDocumentation>();
            options.SchemaFilter<ObservedValueSchema>();
            options.SchemaFilter<ResultValueSchema>();
        });
}
