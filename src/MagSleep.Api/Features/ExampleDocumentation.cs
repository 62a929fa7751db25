using System.Text.Json;
using System.Text.Json.Nodes;
using MagSleep.Api.Features.Guidance;
using MagSleep.Api.Features.Health;
using MagSleep.Api.Features.Magnesium;
using MagSleep.Api.Features.Screening;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.Json;
using MagSleep.Core.Content;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace MagSleep.Api.Features;

/// <summary>
/// Request bodies that give 200 as they stand when tried from the explorer, and named answers computed by the rule
/// set being served (in English), so an example can never say what the service would not.
/// </summary>
internal sealed class ExampleDocumentation(ContentStore store) : IOperationFilter
{
    private const string Assessment = """{"sleepOnsetMinutes":45,"nightWakings":2,"nightsPerWeek":4,"durationDays":60,"hardToFallBackAsleep":true,"unrefreshingSleep":true,"daytimeImpact":true,"racingMind":true,"underStress":true}""";
    private const string NoComplaint = """{"sleepOnsetMinutes":15,"nightWakings":0,"nightsPerWeek":0,"durationDays":0}""";
    private const string DoseCheck = """{"amountMg":1500,"amountBasis":"compound","form":"glycinate","age":42,"sex":"female","medications":["blood-pressure"]}""";
    private const string KidneyDoseCheck = """{"amountMg":300,"age":58,"kidneyDisease":true}""";
    private const string Guidance = """{"sleep":{"sleepOnsetMinutes":50,"nightWakings":1,"nightsPerWeek":5,"durationDays":45,"racingMind":true,"nightLegCramps":true},"profile":{"age":42,"sex":"female"},"dose":{"amountMg":250}}""";
    private const string PregnantGuidance = """{"sleep":{"sleepOnsetMinutes":50,"nightWakings":1,"nightsPerWeek":5,"durationDays":45,"racingMind":true},"profile":{"age":31,"sex":"female","pregnant":true}}""";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        try
        {
            AddExamples(operation);
        }
        // A content edit may drop an id these examples name; the document is then served without them, never as a 500.
        catch (Exception)
        {
        }
    }

    private void AddExamples(OpenApiOperation operation)
    {
        var rules = store.Current.Rules;
        switch (operation.OperationId)
        {
            case "AssessInsomnia":
                Request(operation, Assessment);
                Answers(operation,
                    ("insomnia-pattern", "Night-time symptoms 4 nights a week for 2 months, with a racing mind", Assess(Assessment)),
                    ("no-pattern", "No sleep complaint", Assess(NoComplaint)));
                break;
            case "CheckDose":
                Request(operation, DoseCheck);
                Answers(operation,
                    ("compound-dose", "1500 mg of magnesium glycinate (compound weight) with a blood-pressure medicine", Check(DoseCheck)),
                    ("consult-clinician", "Kidney disease: no dose without a clinician", Check(KidneyDoseCheck)));
                break;
            case "BuildGuidancePlan":
                Request(operation, Guidance);
                Answers(operation,
                    ("plan", "A plan with ranked forms and a daily range", Guide(Guidance)),
                    ("consult-clinician", "Pregnant: no daily range (`dailyRangeMg` is null), what to bring to a clinician instead", Guide(PregnantGuidance)));
                break;
            case "Live":
                Answers(operation, ("live", "The process answers", Node(new LiveResponse("live"))));
                break;
            case "Ready":
                var snapshot = store.Current;
                var loaded = snapshot.LoadedAt;
                Answers(operation,
                    ("ready", "The newest content is served", Node(new ReadyResponse("ready", snapshot.Version, loaded, snapshot.Articles.Count, null, null))),
                    ("degraded", "An edit of content/ was refused; the last good version is still served",
                        Node(new ReadyResponse("degraded", snapshot.Version, loaded, snapshot.Articles.Count, RejectedEdit.ContentInvalid, loaded.AddMinutes(5)))));
                Answers(operation, "503",
                    ("unavailable", "The reference page's files cannot be found", Node(new ReadyResponse("unavailable", snapshot.Version, loaded, snapshot.Articles.Count, HealthApi.PageMissing, null))));
                break;
        }

        JsonNode Assess(string body) =>
            Node(rules.Assess(Read<AssessmentRequest>(body).ToAnswers(), Languages.English));

        JsonNode Check(string body)
        {
            var request = Read<DoseCheckRequest>(body);
            return Node(rules.CheckDose(request.ToProfile(), request.ToDose(rules), Languages.English));
        }

        JsonNode Guide(string body)
        {
            var request = Read<GuidanceRequest>(body);
            return Node(rules.Guide(request.Sleep!.ToAnswers(), request.Profile!.ToProfile(), request.Dose?.ToDose(rules), Languages.English));
        }
    }

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, ApiJson.Options)!;

    private static JsonNode Node<T>(T value) => JsonSerializer.SerializeToNode(value, ApiJson.Options)!;

    private static void Request(OpenApiOperation operation, string example)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = JsonNode.Parse(example);
        }
    }

    private static void Answers(OpenApiOperation operation, params (string Name, string Summary, JsonNode Value)[] examples) =>
        Answers(operation, "200", examples);

    private static void Answers(OpenApiOperation operation, string status, params (string Name, string Summary, JsonNode Value)[] examples)
    {
        if (operation.Responses?.TryGetValue(status, out var ok) != true || ok?.Content?.TryGetValue("application/json", out var media) != true)
        {
            return;
        }

        media!.Examples = examples.ToDictionary(e => e.Name, e => (IOpenApiExample)new OpenApiExample { Summary = e.Summary, Value = e.Value });
    }
}
