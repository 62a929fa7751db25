using System.Security.Cryptography;
using System.Text.Json;
using MagSleep.Core.Content;
using MagSleep.Core.Rules;

namespace MagSleep.Core.Questionnaire;

/// <summary>
/// content/questionnaire/insomnia-screening.json: the sleep check's questions, grouped as a person answers them, with
/// the texts of the problems a response to them can have. Which answer is a number and its range are not here: the
/// engine's inputs (<see cref="SleepAnswerFields"/>) and content/rules/inputs.json say that.
/// </summary>
public sealed record SleepQuestionnaire(
    string Id,
    string Url,
    string Name,
    LocalizedText Title,
    LocalizedText Description,
    IReadOnlyList<QuestionGroup> Groups,
    QuestionnaireProblems Problems)
{
    public const string File = "questionnaire/insomnia-screening.json";

    public IEnumerable<Question> Questions => Groups.SelectMany(g => g.Items);

    public static bool IsNumber(string linkId) => SleepAnswerFields.Numbers.ContainsKey(linkId);

    /// <summary>
    /// The answers as the engine takes them. Left-out yes/no answers keep <see cref="SleepAnswers"/>' defaults, which are
    /// those of the plain JSON request; the caller has checked that every number is there and in range.
    /// </summary>
    public static SleepAnswers ToAnswers(IReadOnlyDictionary<string, int> numbers, IReadOnlyDictionary<string, bool> flags)
    {
        bool? Flag(string linkId) => flags.TryGetValue(linkId, out var value) ? value : null;
        return new SleepAnswers(
            numbers["sleepOnsetMinutes"], numbers["nightWakings"], numbers["nightsPerWeek"], numbers["durationDays"],
            Flag("hardToFallBackAsleep") ?? false, Flag("unrefreshingSleep") ?? false, Flag("daytimeImpact") ?? false,
            Flag("racingMind"), Flag("notSleepyAtBedtime"), Flag("underStress"), Flag("nightLegCramps"), Flag("restlessLegs"),
            Flag("painOrIllness"), Flag("medicationSideEffects"));
    }

    /// <summary>
    /// The version a response names: the rule set's version and a digest of all that the served questionnaire shows
    /// (its texts in every language and the number ranges), so that one url|version always means the same questions.
    /// Set at load; a method rather than a property, so that a "version" in the file is refused as a field it does not have.
    /// </summary>
    public string Version() => _version;

    private string _version = "";

    public static SleepQuestionnaire Load(string contentRoot, RulesEngine rules, ContentReads? reads = null)
    {
        var questionnaire = ContentJson.Read<SleepQuestionnaire>(reads ?? new ContentReads(), Path.Combine(contentRoot, File), File);
        questionnaire.Validate(rules.Languages);
        var shown = JsonSerializer.SerializeToUtf8Bytes(new
        {
            questionnaire.Id, questionnaire.Url, questionnaire.Name, questionnaire.Title, questionnaire.Description, questionnaire.Groups,
            Ranges = questionnaire.Questions.Where(q => IsNumber(q.LinkId)).Select(q => rules.Inputs.Sleep.Of(q.LinkId)),
        }, ContentJson.Options);
        questionnaire._version = $"{rules.Version}-{Convert.ToHexStringLower(SHA256.HashData(shown).AsSpan(0, 4))}";
        return questionnaire;
    }

    private void Validate(Languages languages)
    {
        void RequireText(string path, LocalizedText text) => languages.Check(text, File, path);

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || url.Query.Length > 0 || url.Fragment.Length > 0 || Url.Contains('|'))
        {
            Fail("$.url", "must be an absolute https URL without query, fragment or '|'");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(Id, "^[A-Za-z0-9\\-.]{1,64}$"))
        {
            Fail("$.id", "must be a FHIR id (letters, digits, '-' and '.', at most 64)");
        }

        RequireText("$.title", Title);
        RequireText("$.description", Description);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < Groups.Count; g++)
        {
            var group = Groups[g];
            RequireText($"$.groups[{g}].text", group.Text);
            if (!seen.Add(group.LinkId))
            {
                Fail($"$.groups[{g}].linkId", $"'{group.LinkId}' is used twice");
            }

            if (group.Items.Count == 0)
            {
                Fail($"$.groups[{g}].items", "a group needs at least one question");
            }

            for (var i = 0; i < group.Items.Count; i++)
            {
                var item = group.Items[i];
                var path = $"$.groups[{g}].items[{i}]";
                RequireText(path + ".text", item.Text);
                if (item.Help is not null)
                {
                    RequireText(path + ".help", item.Help);
                }

                if (!SleepAnswerFields.Numbers.ContainsKey(item.LinkId) && !SleepAnswerFields.Flags.ContainsKey(item.LinkId))
                {
                    Fail(path + ".linkId", $"'{item.LinkId}' is not an answer of the sleep check");
                }

                if (!seen.Add(item.LinkId))
                {
                    Fail(path + ".linkId", $"'{item.LinkId}' is used twice");
                }
            }
        }

        var missing = SleepAnswerFields.Numbers.Keys.Concat(SleepAnswerFields.Flags.Keys).Where(field => !seen.Contains(field)).ToList();
        if (missing.Count > 0)
        {
            Fail("$.groups", $"no question asks for {string.Join(", ", missing)}");
        }

        foreach (var (name, text) in Problems.All())
        {
            RequireText($"$.problems.{name}", text);
        }
    }

    private static void Fail(string path, string problem) => throw new ContentValidationException(File, path, problem);
}

public sealed record QuestionGroup(string LinkId, LocalizedText Text, IReadOnlyList<Question> Items);

public sealed record Question(string LinkId, LocalizedText Text, LocalizedText? Help = null);

/// <summary>What a 400 to a QuestionnaireResponse says, per problem. {min}, {max} and {questionnaire} are filled in; nothing the client sent is.</summary>
public sealed record QuestionnaireProblems(
    LocalizedText Unreadable,
    LocalizedText NotCompleted,
    LocalizedText OtherQuestionnaire,
    LocalizedText UnknownItem,
    LocalizedText RepeatedItem,
    LocalizedText OneAnswer,
    LocalizedText Required,
    LocalizedText NeedsInteger,
    LocalizedText NeedsBoolean,
    LocalizedText OutOfRange,
    LocalizedText ModifierExtension,
    LocalizedText ImplicitRules,
    LocalizedText GroupAnswered,
    LocalizedText NestedItem,
    LocalizedText OtherGroup,
    LocalizedText RepeatedGroup,
    LocalizedText UnknownElement,
    LocalizedText HoldsUnknownElement,
    LocalizedText InvalidValue)
{
    public IEnumerable<(string Name, LocalizedText Text)> All() =>
    [
        ("unreadable", Unreadable), ("notCompleted", NotCompleted), ("otherQuestionnaire", OtherQuestionnaire),
        ("unknownItem", UnknownItem), ("repeatedItem", RepeatedItem), ("oneAnswer", OneAnswer), ("required", Required),
        ("needsInteger", NeedsInteger), ("needsBoolean", NeedsBoolean), ("outOfRange", OutOfRange),
        ("modifierExtension", ModifierExtension), ("implicitRules", ImplicitRules),
        ("groupAnswered", GroupAnswered), ("nestedItem", NestedItem), ("otherGroup", OtherGroup),
        ("repeatedGroup", RepeatedGroup), ("unknownElement", UnknownElement),
        ("holdsUnknownElement", HoldsUnknownElement), ("invalidValue", InvalidValue),
    ];
}
