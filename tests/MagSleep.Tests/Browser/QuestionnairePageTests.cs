using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MagSleep.Tests.Browser;

/// <summary>The service over a copy of content/ whose questionnaire has been edited.</summary>
public sealed class EditedQuestionnaireFixture : BrowserFixture
{
    public const string EditedEnglish = "Roughly how many days has your poor sleep lasted so far?";
    public const string EditedChinese = "睡不好的情况大约已经有多少天了？";

    private readonly TempContent _content = TestContent.Copy();

    protected override string? ContentPath => _content.Root;

    public EditedQuestionnaireFixture() =>
        EditQuestionnaire(json => json.Replace("How many days has your sleep been like this?", EditedEnglish, StringComparison.Ordinal));

    /// <summary>Edits the served copy while the service runs.</summary>
    public void EditQuestionnaire(Func<string, string> change) => _content.Edit("questionnaire/insomnia-screening.json", change);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _content.Dispose();
    }
}

public sealed class QuestionnairePageTests(EditedQuestionnaireFixture browser) : IClassFixture<EditedQuestionnaireFixture>
{
    [ChromiumFact]
    public async Task AQuestionTextEditedInContentIsWhatThePageAsks()
    {
        var (page, errors) = await browser.OpenAsync("/?lang=en");

        await Expect(page.Locator("label[for='sleep-durationDays']")).ToHaveTextAsync(EditedQuestionnaireFixture.EditedEnglish);
        await Expect(page.Locator("#sleep-durationDays-hint")).ToContainTextAsync("30 days");
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task AnEditWhileRunningReachesTheNextPageAndSwitchingLanguageKeepsTheAnswers()
    {
        browser.EditQuestionnaire(json => json.Replace("这样的睡眠情况已经持续多少天了？", EditedQuestionnaireFixture.EditedChinese, StringComparison.Ordinal));
        using var client = new HttpClient { BaseAddress = browser.BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await client.GetStringAsync("/api/v1/insomnia/questionnaire?lang=zh-CN")).Contains(EditedQuestionnaireFixture.EditedChinese, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the edited questionnaire was not served within 20 s");
            await Task.Delay(100);
        }

        var (page, errors) = await browser.OpenAsync("/?lang=en");
        var duration = page.Locator("#sleep-durationDays");
        await duration.FillAsync("75");
        await page.Locator("#sleep-racingMind").CheckAsync();

        await page.Locator("#language").SelectOptionAsync("zh-CN");

        await Expect(page.Locator("label[for='sleep-durationDays']")).ToHaveTextAsync(EditedQuestionnaireFixture.EditedChinese);
        await Expect(duration).ToHaveValueAsync("75");
        await Expect(page.Locator("#sleep-racingMind")).ToBeCheckedAsync();
        Assert.Empty(errors);
    }
}
