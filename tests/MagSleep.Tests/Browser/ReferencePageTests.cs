using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MagSleep.Tests.Browser;

/// <summary>The reference page at "/" driven in a real browser, as a frontend developer's user would use it.</summary>
public class ReferencePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task ThePageLoadsListsTheArticlesAndOpensOneWithNoConsoleErrors()
    {
        var (page, errors) = await browser.OpenAsync("/?lang=en");

        await Expect(page.Locator("#articles [data-slug]")).ToHaveCountAsync(2);
        await page.Locator("#articles [data-slug='magnesium-and-sleep']").ClickAsync();
        await Expect(page.Locator("#article-title")).ToBeFocusedAsync();
        Assert.True(await page.Locator("#article h4").CountAsync() > 3);
        await Expect(page.Locator("#notice")).ToContainTextAsync("not medical advice");
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task KnownAnswersShowTheExpectedClassificationVerdictAndPlan()
    {
        var (page, errors) = await browser.OpenAsync("/?lang=en");

        await AnswerTheSleepQuestions(page);
        var classification = page.Locator("#assessment-result [data-testid='classification']");
        await Expect(classification).ToHaveAttributeAsync("data-value", "insomnia-pattern");
        await Expect(page.Locator("#assessment-result [data-testid='meets-criteria']")).ToContainTextAsync("Yes");

        await CheckADose(page);
        var verdict = page.Locator("#dose-result [data-testid='verdict']");
        await Expect(verdict).ToHaveAttributeAsync("data-value", "consult-clinician");
        await Expect(verdict).ToContainTextAsync("clinician");

        await page.Locator("#plan-button").ClickAsync();
        await Expect(page.Locator("#plan-result [data-testid='plan-verdict']")).ToHaveAttributeAsync("data-value", "consult-clinician");
        await Expect(page.Locator("#plan-result [data-testid='findings'] li").First).ToBeVisibleAsync();
        await Expect(page.Locator("#plan-result [data-testid='sources'] li").First).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task SwitchingLanguageChangesThePageAndTheResultsButKeepsTheAnswers()
    {
        var (page, errors) = await browser.OpenAsync("/?lang=en");
        await AnswerTheSleepQuestions(page);
        var classification = page.Locator("#assessment-result [data-testid='classification']");
        await Expect(classification).ToHaveAttributeAsync("data-value", "insomnia-pattern");
        var englishHeading = await page.Locator("h1").InnerTextAsync();
        var englishLabel = await classification.InnerTextAsync();

        await page.Locator("#language").SelectOptionAsync("zh-CN");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("h1")).Not.ToHaveTextAsync(englishHeading);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await page.Locator("h1").InnerTextAsync());
        await Expect(classification).Not.ToHaveTextAsync(englishLabel);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await classification.InnerTextAsync());
        await Expect(classification).ToHaveAttributeAsync("data-value", "insomnia-pattern");
        await Expect(page.Locator("#sleep-sleepOnsetMinutes")).ToHaveValueAsync("45");
        Assert.Contains("lang=zh-CN", page.Url);
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task AValidationErrorShowsNextToItsFieldAndTakesTheFocus()
    {
        var (page, _) = await browser.OpenAsync("/?lang=en");
        await page.Locator("#sleep-nightWakings").FillAsync("1");
        await page.Locator("#sleep-nightsPerWeek").FillAsync("9");
        await page.Locator("#sleep-durationDays").FillAsync("30");

        await page.Locator("#sleep-form button[type='submit']").ClickAsync();

        var onset = page.Locator("#sleep-sleepOnsetMinutes");
        await Expect(page.Locator("#sleep-sleepOnsetMinutes-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#sleep-sleepOnsetMinutes-error")).ToContainTextAsync("required");
        await Expect(page.Locator("#sleep-nightsPerWeek-error")).ToContainTextAsync("7");
        await Expect(onset).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Contains("sleep-sleepOnsetMinutes-error", await onset.GetAttributeAsync("aria-describedby"));
        await Expect(onset).ToBeFocusedAsync();
        await Expect(page.Locator("#sleep-nightWakings-error")).ToBeHiddenAsync();
    }

    [ChromiumFact]
    public async Task TheSleepQuestionsCanBeAnsweredWithTheKeyboardAlone()
    {
        var (page, errors) = await browser.OpenAsync("/?lang=en");
        await page.Locator("#sleep-sleepOnsetMinutes").FocusAsync();

        await page.Keyboard.TypeAsync("45");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("2");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("4");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("60");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#assessment-result [data-testid='classification']")).ToHaveAttributeAsync("data-value", "insomnia-pattern");
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task EveryControlHasAnAccessibleName()
    {
        var (page, _) = await browser.OpenAsync("/?lang=zh-CN");
        await Expect(page.Locator("#dose-form-select option[value='glycinate']")).ToHaveCountAsync(1);

        var unnamed = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, select, textarea, button')]
                .filter(el => !(el.labels?.length && [...el.labels].some(l => l.textContent.trim()))
                    && !el.getAttribute('aria-label')?.trim()
                    && !(el.tagName === 'BUTTON' && el.textContent.trim()))
                .map(el => el.id || el.outerHTML.slice(0, 80))
            """);

        Assert.Empty(unnamed);
    }

    [ChromiumFact]
    public async Task APhoneSizedScreenShowsEveryResultWithoutSidewaysScrolling()
    {
        foreach (var (language, width) in new[] { ("en", 1280), ("zh-CN", 1280), ("zh-CN", 375) })
        {
            var (page, errors) = await browser.OpenAsync($"/?lang={language}", width, 900);
            await AnswerTheSleepQuestions(page);
            await Expect(page.Locator("#assessment-result [data-testid='classification']")).ToBeVisibleAsync();
            await CheckADose(page);
            await page.Locator("#plan-button").ClickAsync();
            await Expect(page.Locator("#plan-result [data-testid='plan-verdict']")).ToBeVisibleAsync();

            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{language} at {width}px scrolls sideways");
            Assert.Empty(errors);
            if (Environment.GetEnvironmentVariable("MAGSLEEP_SCREENSHOTS") is { Length: > 0 } folder)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"reference-page-{language}-{width}.png"), FullPage = true });
                await page.Locator("#plan-result").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, $"plan-{language}-{width}.png") });
            }
        }
    }

    [ChromiumFact]
    public async Task TheExplorerRendersAndTryItOutOnTheInsomniaAssessmentAnswers200()
    {
        var (page, errors) = await browser.OpenAsync("/swagger/index.html");
        var operation = page.Locator("#operations-Screening-AssessInsomnia");

        await Expect(page.Locator(".swagger-ui .info .title")).ToContainTextAsync("MagSleep");
        await operation.Locator(".opblock-summary").ClickAsync();
        await operation.Locator(".try-out__btn").ClickAsync();
        await operation.Locator("button.execute").ClickAsync();

        await Expect(operation.Locator(".live-responses-table tbody .response-col_status").First).ToContainTextAsync("200");
        await Expect(operation.Locator(".live-responses-table tbody .response-col_description").First).ToContainTextAsync("classification");
        Assert.Empty(errors);
    }

    private static async Task AnswerTheSleepQuestions(IPage page)
    {
        await page.Locator("#sleep-sleepOnsetMinutes").FillAsync("45");
        await page.Locator("#sleep-nightWakings").FillAsync("2");
        await page.Locator("#sleep-nightsPerWeek").FillAsync("4");
        await page.Locator("#sleep-durationDays").FillAsync("60");
        await page.Locator("#sleep-racingMind").CheckAsync();
        await page.Locator("#sleep-form button[type='submit']").ClickAsync();
    }

    private static async Task CheckADose(IPage page)
    {
        await page.Locator("#dose-amountMg").FillAsync("1500");
        await page.Locator("#dose-amountBasis").SelectOptionAsync("compound");
        await page.Locator("#dose-form-select").SelectOptionAsync("glycinate");
        await page.Locator("#dose-age").FillAsync("42");
        await page.Locator("#dose-sex").SelectOptionAsync("female");
        await page.Locator("#dose-medications-blood-pressure").CheckAsync();
        await page.Locator("#dose-form button[type='submit']").ClickAsync();
    }
}
