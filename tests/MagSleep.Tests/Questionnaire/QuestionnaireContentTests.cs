using MagSleep.Core.Content;

namespace MagSleep.Tests.Questionnaire;

/// <summary>content/questionnaire is validated with the rest of content/: an edit that breaks it is refused with the place it broke.</summary>
public sealed class QuestionnaireContentTests
{
    private const string File = "questionnaire/insomnia-screening.json";

    [Fact]
    public void TheRealQuestionnaireAsksEverySleepAnswerOnce()
    {
        var questionnaire = ContentSnapshot.Load(TestContent.RealContentDirectory).Questionnaire;

        Assert.Equal(14, questionnaire.Questions.Count());
        Assert.Equal(questionnaire.Questions.Count(), questionnaire.Questions.Select(q => q.LinkId).Distinct().Count());
    }

    /// <summary>One url|version must always mean the same questions, so the version follows every change of what is shown, and nothing else.</summary>
    [Theory]
    [InlineData("a question worded anew in Chinese", File, "\"zh-CN\": \"夜里一般会醒几次？\"", "\"zh-CN\": \"夜里通常会醒几次？\"", true)]
    [InlineData("a title worded anew in English", File, "\"en\": \"Sleep check", "\"en\": \"The sleep check", true)]
    [InlineData("a number range changed", "rules/inputs.json", "\"max\": 7", "\"max\": 6", true)]
    [InlineData("a problem text worded anew", File, "This question needs an answer.", "Answer this question.", false)]
    public void TheQuestionnaireVersionChangesWithWhatItShows(string because, string file, string find, string replace, bool changes)
    {
        var shipped = ContentSnapshot.Load(TestContent.RealContentDirectory);
        using var content = TestContent.Copy();
        content.Edit(file, json => json.Contains(find, StringComparison.Ordinal) ? json.Replace(find, replace, StringComparison.Ordinal) : throw new InvalidOperationException(find));

        var edited = ContentSnapshot.Load(content.Root);

        Assert.StartsWith(edited.Rules.Version + "-", edited.Questionnaire.Version());
        Assert.True(changes == (edited.Questionnaire.Version() != shipped.Questionnaire.Version()), because);
    }

    [Theory]
    [InlineData("a misspelt linkId", "\"linkId\": \"nightWakings\"", "\"linkId\": \"nightWaking\"", "$.groups[0].items[1].linkId")]
    [InlineData("a question left out", "\"linkId\": \"restlessLegs\"", "\"linkId\": \"racingMind\"", "$.groups[2].items[4].linkId")]
    [InlineData("a text missing in Chinese", "\"zh-CN\": \"夜里一般会醒几次？\"", "\"zh-CN\": \" \"", "$.groups[0].items[1].text")]
    [InlineData("a url that is not https", "\"url\": \"https://", "\"url\": \"http://", "$.url")]
    [InlineData("a version in the url", "/insomnia-screening\",", "/insomnia-screening|1\",", "$.url")]
    [InlineData("a group left null", "\"groups\": [", "\"groups\": [null, ", "$.groups[0]")]
    [InlineData("a question left null", "\"items\": [", "\"items\": [null, ", "$.groups[0].items[0]")]
    [InlineData("an unknown field", "\"name\": \"InsomniaScreening\",", "\"name\": \"InsomniaScreening\", \"version\": \"1\",", "$.version")]
    public void ABrokenQuestionnaireEditIsRefusedNamingWhere(string because, string find, string replace, string path)
    {
        using var content = TestContent.Copy();
        content.Edit(File, json => json.Replace(find, replace, StringComparison.Ordinal));

        var refused = Assert.Throws<ContentValidationException>(() => ContentSnapshot.Load(content.Root));

        Assert.Equal(File, refused.File);
        Assert.True(refused.JsonPath.StartsWith(path, StringComparison.Ordinal), $"{because}: {refused.Message}");
    }
}
