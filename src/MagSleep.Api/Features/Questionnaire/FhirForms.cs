using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MagSleep.Api.Infrastructure.Http;
using MagSleep.Core.Questionnaire;
using MagSleep.Core.Rules;
using FhirQuestionnaire = Hl7.Fhir.Model.Questionnaire;

namespace MagSleep.Api.Features.Questionnaire;

/// <summary>The sleep questionnaire as a FHIR R4 Questionnaire, built with the Firely SDK from content/ and the rule set.</summary>
internal static class FhirForms
{
    public const string MediaType = "application/fhir+json";

    /// <summary>Ends the linkId of a question's help text, a display item under the question.</summary>
    public const string HelpSuffix = ".help";
    public const string MinValue = "http://hl7.org/fhir/StructureDefinition/minValue";
    public const string MaxValue = "http://hl7.org/fhir/StructureDefinition/maxValue";
    public const string ItemControl = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
    public const string ItemControlSystem = "http://hl7.org/fhir/questionnaire-item-control";

    /// <summary>The SDK's System.Text.Json serializer; reading is strict, so an element FHIR does not define is an error.</summary>
    public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.Strict);

    /// <summary>What a QuestionnaireResponse names in <c>questionnaire</c>: the canonical url with the version.</summary>
    public static string Canonical(SleepQuestionnaire questionnaire) => $"{questionnaire.Url}|{questionnaire.Version()}";

    /// <summary>FHIR's own query parameter for the format of an answer (R4 http §2.21.0.6).</summary>
    public const string Format = "_format";

    /// <summary>What <see cref="Format"/> may say: each means FHIR JSON (R4 http §2.21.0.6); XML and Turtle are not served.</summary>
    public static readonly string[] JsonFormats = ["json", "application/json", MediaType];

    /// <summary>
    /// FHIR JSON is wanted when <c>_format</c> is given (the handler refuses one that is not JSON) or when Accept asks for
    /// it. An Accept entry for another FHIR version does not count: that is not what is served.
    /// </summary>
    public static bool IsWanted(HttpRequest request) =>
        request.Query.ContainsKey(Format) || request.AsksFor(MediaType, accept => IsR4(accept.Parameters));

    /// <summary>
    /// A FHIR media type is of this release when it has no <c>fhirVersion</c> parameter or names 4.0, the only R4 value
    /// (R4 http §2.21.0.6.1); a patch number is tolerated.
    /// </summary>
    public static bool IsR4(IList<Microsoft.Net.Http.Headers.NameValueHeaderValue> parameters) =>
        parameters.Where(p => p.Name.Equals("fhirVersion", StringComparison.OrdinalIgnoreCase)).ToList() switch
        {
            [] => true,
            [var version] => Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(version.Value).Value is "4.0" or ['4', '.', '0', '.', ..],
            _ => false,
        };

    public static FhirQuestionnaire Build(SleepQuestionnaire content, RulesEngine rules, string language) => new()
    {
        Id = content.Id,
        Url = content.Url,
        Version = content.Version(),
        Name = content.Name,
        Language = language,
        Title = content.Title.In(language),
        Description = new Markdown(content.Description.In(language)),
        Status = PublicationStatus.Active,
        SubjectType = [ResourceType.Patient],
        Item = [.. content.Groups.Select(group => new FhirQuestionnaire.ItemComponent
        {
            LinkId = group.LinkId,
            Text = group.Text.In(language),
            Type = FhirQuestionnaire.QuestionnaireItemType.Group,
            Item = [.. group.Items.Select(question => Question(question, rules.Inputs.Sleep, language))],
        })],
    };

    private static FhirQuestionnaire.ItemComponent Question(Question question, SleepInputLimits limits, string language)
    {
        var item = new FhirQuestionnaire.ItemComponent { LinkId = question.LinkId, Text = question.Text.In(language) };
        if (SleepQuestionnaire.IsNumber(question.LinkId))
        {
            var (min, max) = IntegerBounds(limits.Of(question.LinkId));
            item.Type = FhirQuestionnaire.QuestionnaireItemType.Integer;
            item.Required = true;
            item.AddExtension(MinValue, new Integer(min));
            item.AddExtension(MaxValue, new Integer(max));
        }
        else
        {
            item.Type = FhirQuestionnaire.QuestionnaireItemType.Boolean;
            item.Required = false;
        }

        if (question.Help is { } help)
        {
            var display = new FhirQuestionnaire.ItemComponent
            {
                LinkId = question.LinkId + HelpSuffix,
                Text = help.In(language),
                Type = FhirQuestionnaire.QuestionnaireItemType.Display,
            };
            display.AddExtension(ItemControl, new CodeableConcept(ItemControlSystem, "help", "Help-Button"));
            item.Item = [display];
        }

        return item;
    }

    /// <summary>The smallest and largest whole numbers a range allows.</summary>
    public static (int Min, int Max) IntegerBounds(NumericRange range)
    {
        var min = range.MinExclusive ? (int)Math.Floor(range.Min) + 1 : (int)Math.Ceiling(range.Min);
        return (min, (int)Math.Floor(range.Max));
    }
}
