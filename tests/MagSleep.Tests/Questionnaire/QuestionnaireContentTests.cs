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
