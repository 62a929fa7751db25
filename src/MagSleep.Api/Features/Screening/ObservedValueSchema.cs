using MagSleep.Core.Rules;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MagSleep.Api.Features.Screening;

/// <summary>What a criterion observed is typed <see cref="object"/> in C#; it is the number or the yes/no the person answered.</summary>
internal sealed class ObservedValueSchema : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type == typeof(Observed) && schema is OpenApiSchema { Properties: { } properties })
        {
            properties["value"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer | JsonSchemaType.Boolean,
                Description = "The number answered (for a number criterion) or the yes/no (for an is-true criterion).",
            };
        }
    }
}
