namespace MagSleep.Api.Infrastructure.OpenApi;

/// <summary>
/// Marks a field whose accepted values are content being served (rule-set ids, input ranges, language tags), so the
/// document reads them from the rule set and languages being served, not from C# literals.
/// </summary>
/// <param name="values">Which content bounds the field.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class ContentValuesAttribute(ContentValue values) : Attribute
{
    public ContentValue Values { get; } = values;
}
