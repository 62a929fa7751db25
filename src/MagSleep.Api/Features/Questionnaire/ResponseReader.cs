using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Hl7.Fhir.Validation;
using MagSleep.Api.Infrastructure.Http;
using MagSleep.Core.Content;
using MagSleep.Core.Questionnaire;
using MagSleep.Core.Rules;

namespace MagSleep.Api.Features.Questionnaire;

/// <summary>The outcome of reading a QuestionnaireResponse: the answers, or the problems keyed by the linkId (or element) they concern.</summary>
internal sealed record ReadResponse(SleepAnswers? Answers, Dictionary<string, string[]> Errors);

/// <summary>
/// Maps a QuestionnaireResponse to the engine's sleep answers, checking it against the questionnaire being served.
/// Messages come from content/ in the asker's language and never contain what was sent.
/// </summary>
internal static partial class ResponseReader
{
    public static async ValueTask<ReadResponse> ReadAsync(HttpRequest request, SleepQuestionnaire questionnaire, RulesEngine rules, string language)
    {
        Resource? resource;
        try
        {
            // Read as any resource: the SDK picks the type from resourceType, and a Patient read as a QuestionnaireResponse is a cast failure.
            resource = await JsonSerializer.DeserializeAsync<Resource>(request.Body, FhirForms.Options, request.HttpContext.RequestAborted);
        }
        catch (DeserializationFailedException invalid)
        {
            // Strict parsing found a value FHIR does not allow (valueInteger: "ten"): name the question if the best-effort result shows it.
            var partial = TryMap(invalid.PartialResult as QuestionnaireResponse, questionnaire, rules, language);
            var elements = ElementErrors(invalid, questionnaire, language);
            if (elements.Count == 0)
            {
                return partial is { Errors.Count: > 0 } ? partial : Unreadable(questionnaire, language);
            }

            // What is wrong with the elements (a misspelt "item", say) comes first; what the answers lack follows.
            foreach (var (key, messages) in partial?.Errors ?? [])
            {
                elements.TryAdd(key, messages);
            }

            return new ReadResponse(null, elements);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or FormatException)
        {
            // The SDK's converter reports a body whose root is not an object (an array, a number) as InvalidOperationException.
            return Unreadable(questionnaire, language);
        }

        return resource is QuestionnaireResponse response ? Map(response, questionnaire, rules, language) : Unreadable(questionnaire, language);
    }

    private static ReadResponse? TryMap(QuestionnaireResponse? partial, SleepQuestionnaire questionnaire, RulesEngine rules, string language)
    {
        try
        {
            return partial is null ? null : Map(partial, questionnaire, rules, language);
        }
        catch (Exception e) when (e is Hl7.Fhir.Validation.CodedValidationException or InvalidCastException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static ReadResponse Unreadable(SleepQuestionnaire questionnaire, string language) =>
        new(null, new Dictionary<string, string[]> { ["body"] = [questionnaire.Problems.Unreadable.In(language)] });

    public static ReadResponse Map(QuestionnaireResponse response, SleepQuestionnaire questionnaire, RulesEngine rules, string language)
    {
        var problems = questionnaire.Problems;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string key, LocalizedText text, params (string Name, string Value)[] values) => errors.TryAdd(key, [text.In(language, values)]);

        var canonical = FhirForms.Canonical(questionnaire);
        if (!string.Equals(response.Questionnaire, canonical, StringComparison.Ordinal))
        {
            Add("questionnaire", problems.OtherQuestionnaire, ("questionnaire", canonical));
        }

        // Amended is a completed response corrected since: final answers, as completed ones are (R4 questionnaire-answers-status).
        if (response.Status is not (QuestionnaireResponse.QuestionnaireResponseStatus.Completed or QuestionnaireResponse.QuestionnaireResponseStatus.Amended))
        {
            Add("status", problems.NotCompleted);
        }

        Modifiers(response, problems, Add);

        var known = questionnaire.Groups.ToDictionary(g => g.LinkId, g => g.Items.Select(q => q.LinkId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var everyQuestion = known.Values.SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var limits = rules.Inputs.Sleep;

        void Question(QuestionnaireResponse.ItemComponent? item, HashSet<string> allowed)
        {
            // A best-effort result keeps the nulls of a list ("item": [null]) as they were sent.
            if (item is null)
            {
                Add("item", problems.UnknownItem);
                return;
            }

            var linkId = item.LinkId ?? string.Empty;
            if (!allowed.Contains(linkId))
            {
                Add(KeyOf(linkId), everyQuestion.Contains(linkId) ? problems.OtherGroup : problems.UnknownItem);
                return;
            }

            // A renderer may send the served tree back whole, with the question's help text (a display item) under it, unanswered.
            if (item.Item.Any(child => child is not { Answer.Count: 0, Item.Count: 0 } || child.LinkId != linkId + FhirForms.HelpSuffix))
            {
                Add(linkId, problems.NestedItem);
                return;
            }

            if (!answered.Add(linkId))
            {
                Add(linkId, problems.RepeatedItem);
                return;
            }

            var isNumber = SleepQuestionnaire.IsNumber(linkId);
            if (item.Answer.Count == 0)
            {
                if (isNumber)
                {
                    Add(linkId, problems.Required);
                }

                return;
            }

            if (item.Answer.Count > 1 || item.Answer[0] is not { } answer)
            {
                Add(linkId, problems.OneAnswer);
                return;
            }

            if (answer.Item.Count > 0)
            {
                Add(linkId, problems.NestedItem);
                return;
            }

            var value = answer.Value;
            if (isNumber)
            {
                // JsonValue rather than Value: in a best-effort result it may hold the text that was sent, which Value would throw on.
                // A whole number beyond FHIR's 32-bit integer is one out of range, not one of the wrong type; 45.0 is not an integer.
                var tooLarge = value is Integer { JsonValue: decimal large } && decimal.Truncate(large) == large && large is > int.MaxValue or < int.MinValue
                    || value is Integer { JsonValue: double huge } && double.IsFinite(huge) && Math.Floor(huge) == huge && Math.Abs(huge) > int.MaxValue;
                if (!tooLarge && value is not Integer { JsonValue: int })
                {
                    Add(linkId, problems.NeedsInteger);
                    return;
                }

                var range = limits.Of(linkId);
                if (tooLarge || value is not Integer { JsonValue: int number } || !range.Contains(number))
                {
                    var (min, max) = FhirForms.IntegerBounds(range);
                    Add(linkId, problems.OutOfRange, ("min", min.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("max", max.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    return;
                }

                numbers[linkId] = number;
            }
            else if (value is FhirBoolean { JsonValue: bool flag })
            {
                flags[linkId] = flag;
            }
            else
            {
                Add(linkId, problems.NeedsBoolean);
            }
        }

        // Answers may come grouped as the questionnaire groups them, or flat, as some renderers send them.
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in response.Item)
        {
            if (item is not null && known.TryGetValue(item.LinkId ?? string.Empty, out var inGroup))
            {
                // No group repeats in the questionnaire, so a second one is not read into the first.
                if (!groups.Add(item.LinkId!))
                {
                    Add(item.LinkId!, problems.RepeatedGroup);
                }
                else if (item.Answer.Count > 0)
                {
                    Add(item.LinkId!, problems.GroupAnswered);
                }

                foreach (var child in item.Item)
                {
                    Question(child, inGroup);
                }
            }
            else
            {
                Question(item, everyQuestion);
            }
        }

        foreach (var linkId in SleepAnswerFields.Numbers.Keys)
        {
            if (!answered.Contains(linkId))
            {
                Add(linkId, problems.Required);
            }
        }

        return errors.Count > 0
            ? new ReadResponse(null, errors)
            : new ReadResponse(SleepQuestionnaire.ToAnswers(numbers, flags), errors);
    }

    /// <summary>
    /// FHIR's modifiers change what the elements they are on mean, and this service understands none: a processor that does
    /// not understand one must not read the resource as if it were absent (R4 Extensibility §2.4, Resource.implicitRules).
    /// So implicitRules (a value or only extensions) and a modifierExtension on the response, on any item at any depth, or
    /// on any answer are refused: on the response under the element's name, on an item or its answers under the linkId.
    /// A plain extension changes no meaning and stays ignored. Contained resources are not read, so what modifies them is
    /// not looked at either; meta and the data types a response holds have no modifierExtension in R4.
    /// </summary>
    private static void Modifiers(QuestionnaireResponse response, QuestionnaireProblems problems, Action<string, LocalizedText, (string, string)[]> add)
    {
        if (response.ImplicitRulesElement is not null)
        {
            add("implicitRules", problems.ImplicitRules, []);
        }

        if (response.ModifierExtension.Count > 0)
        {
            add("modifierExtension", problems.ModifierExtension, []);
        }

        // A stack rather than recursion: items nest under items and under answers, as deep as the body was.
        var items = new Stack<QuestionnaireResponse.ItemComponent?>(response.Item);
        while (items.TryPop(out var item))
        {
            if (item is null)
            {
                continue;
            }

            if (item.ModifierExtension.Count > 0 || item.Answer.Any(answer => answer is { ModifierExtension.Count: > 0 }))
            {
                add(KeyOf(item.LinkId ?? string.Empty), problems.ModifierExtension, []);
            }

            foreach (var child in item.Item.Concat(item.Answer.SelectMany(answer => answer?.Item ?? [])))
            {
                items.Push(child);
            }
        }
    }

    /// <summary>How many element problems one answer lists: a body of many unknown keys gets a short answer, not a long one.</summary>
    private const int MaxElementErrors = 10;

    /// <summary>
    /// What strict parsing found wrong outside the answers, by where it is. The path the SDK gives is split where R4's
    /// own elements end (<see cref="KnownPart"/>), since what follows is the name as sent, which may hold dots or
    /// brackets; the name is the one the SDK's message quotes, and an error further inside it is not reported again.
    /// An unknown element is named (<c>item[0].answr</c>) only when that name is one plain identifier, as an unknown
    /// JSON field is; otherwise the problem is that the known part holds an unknown element (<c>body</c> at the top).
    /// A value R4 does not allow (<c>status: "done"</c>, <c>authored: "yesterday"</c>) is named by its
    /// element's path. A fault inside <c>item</c> is left to the question it belongs to, which names its linkId.
    /// </summary>
    private static Dictionary<string, string[]> ElementErrors(DeserializationFailedException invalid, SleepQuestionnaire questionnaire, string language)
    {
        const string Root = "QuestionnaireResponse.";
        var problems = questionnaire.Problems;
        var found = invalid.Exceptions.OfType<ExtendedCodedException>()
            .Where(e => e.InstancePath?.StartsWith(Root, StringComparison.Ordinal) == true)
            .Select(e => (Unknown: e.ErrorCode is CodedValidationException.UNKNOWN_ELEMENT_CODE or CodedValidationException.WRONG_CASED_ELEMENT_CODE,
                Path: e.InstancePath![Root.Length..], e.Message))
            .OrderBy(e => !e.Unknown);

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (isUnknown, path, message) in found)
        {
            if (errors.Count == MaxElementErrors)
            {
                break;
            }

            var (known, sent) = KnownPart(path);
            // The SDK names the unknown element in its message; an error whose path runs on past it is inside it.
            var name = isUnknown && UnknownName().Match(message) is { Success: true } match ? match.Groups["name"].Value : null;
            var inside = isUnknown
                ? name is not null && !(sent == name || sent.StartsWith(name + "[", StringComparison.Ordinal) || sent.StartsWith(name + ".", StringComparison.Ordinal))
                : sent.Length > 0;
            var inItem = known == "item" || known.StartsWith("item[", StringComparison.Ordinal);
            if (inside || (!isUnknown && inItem))
            {
                continue;
            }

            var echoed = name is not null && EchoedNames.CanEcho(name);
            var key = echoed ? (known.Length == 0 ? name! : $"{known}.{name}") : known.Length == 0 ? "body" : known;
            var problem = !isUnknown ? (key == "status" ? problems.NotCompleted : problems.InvalidValue)
                : echoed ? problems.UnknownElement
                : problems.HoldsUnknownElement;
            errors.TryAdd(key, [problem.In(language)]);
        }

        return errors;
    }

    [GeneratedRegex(@"^(?:Found unknown element|Element) '(?<name>[^']*)'(?: has incorrect casing|\.)")]
    private static partial Regex UnknownName();

    /// <summary>
    /// The longest start of <paramref name="path"/> made of R4 elements of a QuestionnaireResponse (with their indexes),
    /// and the rest, which is what was sent (with any index the SDK added to it).
    /// </summary>
    private static (string Known, string Sent) KnownPart(string path)
    {
        ClassMapping? mapping = ModelInfo.ModelInspector.FindClassMapping(typeof(QuestionnaireResponse));
        var at = 0;
        while (at < path.Length && mapping is not null && KnownSegment().Match(path, at) is { Success: true } segment
            && mapping.FindMappedElementByName(segment.Groups["name"].Value) is { } element
            && element.Name == segment.Groups["name"].Value)
        {
            mapping = ModelInfo.ModelInspector.FindOrImportClassMapping(element.ImplementingType);
            at = segment.Index + segment.Length;
            if (at < path.Length && path[at] == '.')
            {
                at++;
            }
        }

        return (path[..at].TrimEnd('.'), path[at..]);
    }

    [GeneratedRegex(@"\G(?<name>[a-zA-Z][a-zA-Z0-9]*)(\[\d+\])?(?=\.|$)")]
    private static partial Regex KnownSegment();

    /// <summary>An unknown linkId is named as sent when it looks like one, as an unknown JSON field is; anything else is not sent back.</summary>
    private static string KeyOf(string linkId) => EchoedNames.CanEcho(linkId) ? linkId : "item";
}
