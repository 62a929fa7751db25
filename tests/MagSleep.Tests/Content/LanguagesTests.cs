using MagSleep.Core.Content;

namespace MagSleep.Tests.Content;

public class LanguagesTests
{
    [Theory]
    [InlineData("en", "en")]
    [InlineData("EN-gb", "en")]
    [InlineData("zh", "zh-CN")]
    [InlineData("zh-hans", "zh-CN")]
    [InlineData(" ZH-cn ", "zh-CN")]
    [InlineData("zh-Hans-CN", "zh-CN")]
    [InlineData("zh-Hans-CN-x-private", "zh-CN")]
    [InlineData("zh-sg", "zh-CN")]
    [InlineData("zh-MY", "zh-CN")]
    [InlineData("zh-CN-x-private", "zh-CN")]
    [InlineData("zh-SG-u-nu-latn", "zh-CN")]
    [InlineData("zh-TW", null)]
    [InlineData("zh-Hant", null)]
    [InlineData("zh-Hant-HK", null)]
    [InlineData("en-", null)]
    [InlineData("english", null)]
    [InlineData("*", null)]
    public void ATagMeansTheLanguageItOrOneOfItsAliasesNames(string tag, string? expected) =>
        Assert.Equal(expected, TestContent.Languages.Match(tag));

    [Fact]
    public void TheShippedListIsEnglishThenSimplifiedChineseWithEnglishTheDefault()
    {
        Assert.Equal(["en", "zh-CN"], TestContent.Languages.Tags);
        Assert.Equal("en", TestContent.Languages.Default);
    }

    public static TheoryData<Language[], string, string, string> BrokenLists => new()
    {
        { [], "en", "$.languages", "at least one" },
        { [En("en", "English"), En("EN", "English again")], "en", "$.languages[1].tag", "already names 'en'" },
        { [En("en", "English"), Zh("zh-CN", "简体中文", ["zh"]), Zh("zh-TW", "繁體中文", ["zh"])], "en", "$.languages[2].aliases[0]", "already names 'zh-CN'" },
        { [En("en", "English", ["en*"])], "en", "$.languages[0].aliases[0]", "neither a language tag" },
        { [En("en_GB", "English")], "en_GB", "$.languages[0].tag", "not a BCP-47" },
        { [En("en", " ")], "en", "$.languages[0].name", "empty" },
        { [new("en", "English")], "en", "$.languages[0].sentenceBreak", "must be given" },
        { [En("en", "English"), new("zh-CN", "简体中文", SentenceBreak: " ")], "en", "$.languages[1].sentenceBreak", "must be given" },
        { [En("en", "English")], "fr", "$.defaultLanguage", "'fr' is not one of the languages" },
    };

    private static Language En(string tag, string name, string[]? aliases = null) => new(tag, name, aliases, ". ");

    private static Language Zh(string tag, string name, string[]? aliases = null) => new(tag, name, aliases, "。");

    [Theory]
    [MemberData(nameof(BrokenLists))]
    public void AListThatCannotBeNegotiatedIsRefused(Language[] all, string defaultLanguage, string path, string problem)
    {
        var refused = Assert.Throws<ContentValidationException>(() => new Languages(all, defaultLanguage));

        Assert.Equal("rules/ruleset.json", refused.File);
        Assert.Equal(path, refused.JsonPath);
        Assert.Contains(problem, refused.Problem);
    }

    [Fact]
    public void ATextIsCheckedAgainstTheList()
    {
        var languages = TestContent.Languages;
        var missing = new LocalizedText([new("en", "Sleep")]);
        var empty = new LocalizedText([new("en", "Sleep"), new("zh-CN", " ")]);

        var refused = Assert.Throws<ContentValidationException>(() => languages.Check(missing, "f.json", "$.text"));
        Assert.Contains("no 'zh-CN' version", refused.Problem);
        Assert.Equal("$.text['zh-CN']", Assert.Throws<ContentValidationException>(() => languages.Check(empty, "f.json", "$.text")).JsonPath);
        languages.Check(new LocalizedText([new("zh-CN", "睡眠"), new("en", "Sleep")]), "f.json", "$.text");
    }
}
