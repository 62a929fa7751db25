using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MagSleep.Api.Infrastructure.OpenApi;

/// <summary>
/// Every object schema says what System.Text.Json sends, read from the C# types with the API's own serializer options.
/// Answers write every property (nulls too, <see cref="JsonIgnoreCondition.Never"/>), so each is required and null
/// exactly where the C# type allows it; a property ignored when null is optional and never null. Request bodies (the
/// types reachable from a body parameter) require what carries <see cref="RequiredAttribute"/> and accept null for
/// the rest, which then takes its default. <see cref="AllowedValuesAttribute"/> becomes an enum, <see cref="UrlAttribute"/> a uri,
/// and <see cref="ContentValuesAttribute"/> the ids (an enum, in the content's order) or range (minimum and maximum) of the content being served.
/// </summary>
internal sealed class SchemaShapes(ContentStore store, IApiDescriptionGroupCollectionProvider descriptions) : ISchemaFilter
{
    private readonly Lazy<HashSet<Type>> _requestTypes = new(() => RequestTypes(descriptions));

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        var type = context.Type;
        if (schema is not OpenApiSchema target || target.Properties is not { Count: > 0 } properties
            || type.Namespace?.StartsWith("MagSleep.", StringComparison.Ordinal) != true
            || ApiJson.Options.GetTypeInfo(type) is not { Kind: JsonTypeInfoKind.Object } info)
        {
            return;
        }

        var request = _requestTypes.Value.Contains(type);
        var nullability = new NullabilityInfoContext();
        var required = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var property in info.Properties)
        {
            if (!properties.TryGetValue(property.Name, out var field) || property.AttributeProvider is not MemberInfo member)
            {
                continue;
            }

            var omittedWhenNull = member.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition == JsonIgnoreCondition.WhenWritingNull;
            var isRequired = request ? member.IsDefined(typeof(RequiredAttribute)) : !omittedWhenNull;
            if (isRequired)
            {
                required.Add(property.Name);
            }

            var nullable = IsNullable(nullability, member) && !(request ? isRequired : omittedWhenNull);
            var shaped = WithNull(field, nullable);
            Describe(shaped, member);
            if (member.GetCustomAttribute<ContentValuesAttribute>() is { } content)
            {
                Constrain(shaped, content.Values, property.Name);
            }

            properties[property.Name] = shaped;
        }

        target.Required = required;
    }

    private static bool IsNullable(NullabilityInfoContext context, MemberInfo member) => member switch
    {
        PropertyInfo p => context.Create(p).ReadState != NullabilityState.NotNull,
        FieldInfo f => context.Create(f).ReadState != NullabilityState.NotNull,
        _ => true,
    };

    /// <summary>A referenced schema cannot itself say null, so a nullable reference becomes "that or null".</summary>
    private static IOpenApiSchema WithNull(IOpenApiSchema field, bool nullable)
    {
        switch (field)
        {
            case OpenApiSchema inline:
                inline.Type = nullable ? inline.Type | JsonSchemaType.Null : inline.Type & ~JsonSchemaType.Null;
                if (inline.OneOf is { Count: > 0 } && !nullable)
                {
                    inline.OneOf = [.. inline.OneOf.Where(s => s is not OpenApiSchema { Type: JsonSchemaType.Null })];
                }

                return inline;
            case OpenApiSchemaReference reference when nullable:
                return new OpenApiSchema
                {
                    Description = reference.Description,
                    OneOf = [new OpenApiSchemaReference(reference.Reference.Id!, reference.Reference.HostDocument), new OpenApiSchema { Type = JsonSchemaType.Null }],
                };
            default:
                return field;
        }
    }

    private static void Describe(IOpenApiSchema field, MemberInfo member)
    {
        if (field is not OpenApiSchema schema)
        {
            return;
        }

        var values = schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is OpenApiSchema items ? items : schema;
        if (member.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed)
        {
            values.Enum = [.. allowed.Values.Select(v => v is null ? null! : (JsonNode)JsonValue.Create(v.ToString()!))];
        }

        if (member.IsDefined(typeof(UrlAttribute)))
        {
            values.Format = "uri-reference";
        }
    }

    /// <summary>The ids or range of the content being served that a <see cref="ContentValuesAttribute"/> field accepts.</summary>
    private void Constrain(IOpenApiSchema field, ContentValue values, string name)
    {
        var snapshot = store.Current;
        var rules = snapshot.Rules;
        switch (values)
        {
            case ContentValue.FormIds:
                Restrict(field, rules.Rules.Forms.Forms.Select(f => f.Id));
                break;
            case ContentValue.MedicationIds:
                Restrict(field, rules.Rules.Risks.MedicationInteraction.Groups.Select(g => g.Id));
                break;
            case ContentValue.ConditionIds:
                Restrict(field, rules.Rules.Risks.MedicalCondition.Conditions.Select(c => c.Id));
                break;
            case ContentValue.DoseAmount:
                Bound(field, rules.Inputs.Dose.AmountMg);
                break;
            case ContentValue.DoseAge:
                Bound(field, rules.Inputs.Dose.Age);
                break;
            case ContentValue.SleepAnswer:
                Bound(field, rules.Inputs.Sleep.Of(name));
                break;
            case ContentValue.LanguageTags:
                Restrict(field, snapshot.Languages.Tags);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(values), values, "Not a kind of content value.");
        }
    }

    /// <summary>The field, or each item of an array field, is one of <paramref name="ids"/>, in their order; a nullable field may also be null.</summary>
    internal static void Restrict(IOpenApiSchema field, IEnumerable<string> ids)
    {
        if (field is not OpenApiSchema schema)
        {
            return;
        }

        var target = schema.Items as OpenApiSchema ?? schema;
        target.Enum = [.. ids.Select(id => (JsonNode)JsonValue.Create(id))];
        if (schema.Type?.HasFlag(JsonSchemaType.Null) == true && target == schema)
        {
            target.Enum.Add(null!);
        }
    }

    private static void Bound(IOpenApiSchema field, Core.Rules.NumericRange range)
    {
        if (field is not OpenApiSchema schema)
        {
            return;
        }

        var min = range.Min.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (range.MinExclusive)
        {
            schema.ExclusiveMinimum = min;
        }
        else
        {
            schema.Minimum = min;
        }

        schema.Maximum = range.Max.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Body parameter types and every type of ours reachable through their properties and element types.</summary>
    private static HashSet<Type> RequestTypes(IApiDescriptionGroupCollectionProvider descriptions)
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>(descriptions.ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .SelectMany(d => d.ParameterDescriptions)
            .Where(p => p.Source == BindingSource.Body && p.Type is not null)
            .Select(p => p.Type));
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    pending.Push(argument);
                }
            }

            if (type.Namespace?.StartsWith("MagSleep.", StringComparison.Ordinal) != true || !found.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                pending.Push(property.PropertyType);
            }
        }

        return found;
    }
}
