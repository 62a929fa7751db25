using MagSleep.Api.Features.Articles;
using MagSleep.Api.Features.Questionnaire;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MagSleep.Api.Features;

internal static class FeatureDocumentation
{
    /// <summary>What only the features know: their examples, the JSON-LD article and the FHIR request of the assessment.</summary>
    public static IServiceCollection AddFeatureDocumentation(this IServiceCollection services) =>
        services.Configure<SwaggerGenOptions>(options =>
        {
            options.OperationFilter<ExampleDocumentation>();
            options.OperationFilter<ArticleDocumentation>();
            options.OperationFilter<QuestionnaireDocumentation>();
        });
}
