using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.OpenApi;
using MagSleep.Core.Rules;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MagSleep.Api.Features;

/// <summary>
/// The result fields that hold rule-set ids or a count, given the ids (an enum) or the range of the rule set being
/// served, so a client generated from the document knows every value a field can take.
/// </summary>
internal sealed class ResultValueSchema(ContentStore store) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties })
        {
            return;
        }

        var rules = store.Current.Rules;
        var insomnia = rules.Rules.Insomnia;
        var tiers = rules.Rules.Dose.Tiers.Select(t => t.Id);
        var pathways = insomnia.Pathways.Select(p => p.Id);
        var forms = rules.Rules.Forms.Forms.Select(f => f.Id);
        var type = context.Type;
        if (type == typeof(AssessmentResult))
        {
            OneOf(properties, "durationCategory", insomnia.DurationCategories.Select(c => c.Id));
            if (properties.TryGetValue("score", out var score) && score is OpenApiSchema count)
            {
                count.Minimum = "0";
                count.Maximum = insomnia.Criteria.Count(c => c.Role is CriterionRole.NightSymptom or CriterionRole.DaytimeSymptom).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        else if (type == typeof(DoseSummary))
        {
            OneOf(properties, "tier", tiers);
        }
        else if (type == typeof(TierView))
        {
            OneOf(properties, "id", tiers);
        }
        else if (type == typeof(CriterionResult))
        {
            OneOf(properties, "id", insomnia.Criteria.Select(c => c.Id));
        }
        else if (type == typeof(Observed) || type == typeof(Threshold))
        {
            OneOf(properties, "unit", insomnia.Units.Select(u => u.Id));
        }
        else if (type == typeof(PathwayResult))
        {
            OneOf(properties, "id", pathways);
            OneOf(properties, "suggestedForms", forms);
        }
        else if (type == typeof(RecommendedForm))
        {
            OneOf(properties, "id", forms);
            OneOf(properties, "forPathways", pathways);
        }
    }

    /// <summary>The field is one of <paramref name="ids"/>, in the rule set's order.</summary>
    private static void OneOf(IDictionary<string, IOpenApiSchema> properties, string name, IEnumerable<string> ids)
    {
        if (properties.TryGetValue(name, out var field))
        {
            SchemaShapes.Restrict(field, ids);
        }
    }
}
