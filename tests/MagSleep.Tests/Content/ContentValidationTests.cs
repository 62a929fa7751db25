using System.Text.Json.Nodes;
using MagSleep.Core.Content;

namespace MagSleep.Tests.Content;

public class ContentValidationTests
{
    private const string EnglishFile = "articles/magnesium-and-sleep/en.json";
    private const string ChineseFile = "articles/magnesium-and-sleep/zh-CN.json";

    [Fact]
    public void TheRealContentFolderIsValid()
    {
        var snapshot = ContentSnapshot.Load(TestContent.RealContentDirectory);

        Assert.Equal(["magnesium-and-sleep", "magnesium-insomnia-pathways"], snapshot.Articles.Select(a => a.Slug));
        Assert.All(snapshot.Articles, set => Assert.Equal(TestContent.Languages.Tags, set.ByLanguage.Keys.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void EveryArticleHasTheSameSectionsAndStudiesInBothLanguages()
    {
        var snapshot = ContentSnapshot.Load(TestContent.RealContentDirectory);

        foreach (var set in snapshot.Articles)
        {
            var en = set.In(Languages.English);
            var zh = set.In("zh-CN");
            Assert.Equal(en.Sections.Select(s => s.Id), zh.Sections.Select(s => s.Id));
            Assert.Equal(en.Studies.Select(s => (s.Id, s.DoseMg, s.DurationWeeks, s.Reference)), zh.Studies.Select(s => (s.Id, s.DoseMg, s.DurationWeeks, s.Reference)));
            Assert.NotEmpty(en.Studies);
        }
    }

    [Fact]
    public void ChineseTextIsWrittenInChinese()
    {
        var snapshot = ContentSnapshot.Load(TestContent.RealContentDirectory);

        foreach (var set in snapshot.Articles)
        {
            var zh = set.In("zh-CN");
            Assert.All(zh.Sections, s => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", s.Heading));
            var en = set.In(Languages.English);
            Assert.All(en.Sections, s => Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", string.Join(" ", s.Paragraphs)));
        }
    }

    [Fact]
    public void ContentVersionChangesWhenAFileChanges()
    {
        using var content = TestContent.Copy();
        var before = ContentSnapshot.Load(content.Root).Version;

        content.Edit(EnglishFile, json => json.Replace("\"summary\": \"", "\"summary\": \"Edited. "));

        Assert.NotEqual(before, ContentSnapshot.Load(content.Root).Version);
    }

    [Fact]
    public void TheVersionHashesTheBytesThatWereParsedNotTheFilesAsTheyAreAfterward()
    {
        using var content = TestContent.Copy();
        var before = ContentSnapshot.Load(content.Root).Version;

        // Every file is edited the moment it has been read, as if an editor saved it mid-load; trailing whitespace keeps it valid.
        var editedMidLoad = ContentSnapshot.Load(content.Root, clock: null, new ContentReads((path, displayName) =>
        {
            var bytes = ContentFiles.Read(path, displayName);
            File.AppendAllText(path, " ");
            return bytes;
        }));

        Assert.Equal(before, editedMidLoad.Version);
        Assert.NotEqual(before, ContentSnapshot.Load(content.Root).Version);
    }

    [Fact]
    public void AFileReadTwiceInOneLoadIsRefusedByName()
    {
        var reads = new ContentReads();
        var file = Path.Combine(TestContent.RealContentDirectory, "rules", "ruleset.json");
        reads.Read(file, "rules/ruleset.json");

        var twice = Assert.Throws<InvalidOperationException>(() => reads.Read(Path.Combine(TestContent.RealContentDirectory, "rules", ".", "ruleset.json"), "rules/ruleset.json"));

        Assert.Contains("rules/ruleset.json was read twice", twice.Message);
    }

    [Fact]
    public void TheVersionIsAHashOfEveryContentFileByItsPath()
    {
        var root = TestContent.RealContentDirectory;
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file).Replace('\\', '/') + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        Assert.Equal(Convert.ToHexStringLower(hash.GetHashAndReset())[..16], ContentSnapshot.Load(root).Version);
    }

    public static TheoryData<string, Action<JsonObject>, string, string> BrokenArticles => new()
    {
        { EnglishFile, a => a.Remove("title"), "$", "title" },
        { EnglishFile, a => a["title"] = "  ", "$.title", "must not be empty" },
        { EnglishFile, a => a["sections"]![1]!["heading"] = "", "$.sections[1].heading", "must not be empty" },
        { EnglishFile, a => a["sections"]![0]!["paragraphs"] = new JsonArray(), "$.sections[0].paragraphs", "at least one paragraph" },
        { EnglishFile, a => a["sections"]![0]!["keyPoints"] = new JsonArray(), "$.sections[0].keyPoints", "at least one key point" },
        { EnglishFile, a => a["sections"]![2]!["id"] = a["sections"]![1]!["id"]!.GetValue<string>(), "$.sections[2].id", "used twice" },
        { EnglishFile, a => a["sections"]![0]!["id"] = "Not Kebab", "$.sections[0].id", "kebab-case" },
        { EnglishFile, a => a["slug"] = "another-slug", "$.slug", "folder" },
        { EnglishFile, a => a["language"] = "fr", "$.language", "'en'" },
        { EnglishFile, a => a["nextReview"] = a["lastReviewed"]!.GetValue<string>(), "$.nextReview", "after lastReviewed" },
        { EnglishFile, a => a["dateModified"] = "21/11/2026", "$.dateModified", "could not be converted" },
        { EnglishFile, a => a["sections"]![0]!["colour"] = "blue", "$.sections[0].colour", "could not be mapped" },
        { EnglishFile, a => a["studies"]![0]!["sectionId"] = "no-such-section", "$.studies[0].sectionId", "not a section" },
        { EnglishFile, a => a["studies"]![0]!["doseMg"] = -5, "$.studies[0].doseMg", "positive" },
        { EnglishFile, a => a["source"]!["title"] = null, "$.source.title", "null" },
        { ChineseFile, a => a["sections"]![0]!["id"] = "renamed-in-chinese", "$.sections[0].id", "English version" },
        { ChineseFile, a => ((JsonArray)a["studies"]!).RemoveAt(0), "$.studies", "study ids differ" },
    };

    [Theory]
    [MemberData(nameof(BrokenArticles))]
    public void ABrokenArticleIsRejectedWithFilePathAndProblem(string file, Action<JsonObject> breakIt, string expectedPath, string expectedProblem)
    {
        using var content = TestContent.Copy();
        var article = JsonNode.Parse(File.ReadAllText(content.PathOf(file)))!.AsObject();
        breakIt(article);
        File.WriteAllText(content.PathOf(file), article.ToJsonString());

        var error = Assert.Throws<ContentValidationException>(() => ContentSnapshot.Load(content.Root));

        Assert.Equal(file, error.File);
        Assert.Equal(expectedPath, error.JsonPath);
        Assert.Contains(expectedProblem, error.Problem, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void MalformedJsonIsRejectedWithItsLine()
    {
        using var content = TestContent.Copy();
        content.Edit(EnglishFile, json => json[..(json.Length / 2)]);

        var error = Assert.Throws<ContentValidationException>(() => ContentSnapshot.Load(content.Root));

        Assert.Equal(EnglishFile, error.File);
        Assert.Matches(@"\(line \d+\)", error.Problem);
    }

    [Fact]
    public void AMissingLanguageIsRejected()
    {
        using var content = TestContent.Copy();
        File.Delete(content.PathOf(ChineseFile));

        var error = Assert.Throws<ContentValidationException>(() => ContentSnapshot.Load(content.Root));

        Assert.Equal(ChineseFile, error.File);
        Assert.Contains("zh-CN version", error.Problem);
    }

    [Fact]
    public void AStrayFileInAnArticleFolderIsRejected()
    {
        using var content = TestContent.Copy();
        File.WriteAllText(content.PathOf("articles/magnesium-and-sleep/fr.json"), "{}");

        var error = Assert.Throws<ContentValidationException>(() => ContentSnapshot.Load(content.Root));

        Assert.Equal("articles/magnesium-and-sleep/fr.json", error.File);
    }

    [Fact]
    public void AFileIsReadUpToTheSizeCapAndRefusedAboveIt()
    {
        using var content = TestContent.Copy();
        var article = File.ReadAllBytes(content.PathOf(EnglishFile));
        File.WriteAllBytes(content.PathOf(EnglishFile), [.. article, .. Enumerable.Repeat((byte)' ', ContentFiles.MaxFileBytes - article.Length)]);
        ContentSnapshot.Load(content.Root);

        File.AppendAllText(content.PathOf(EnglishFile), " ");
        var error = Assert.Throws<ContentValidationException>(() => ContentSnapshot.Load(content.Root));

        Assert.Equal(EnglishFile, error.File);
        Assert.Contains($"{ContentFiles.MaxFileBytes + 1} bytes", error.Problem);
    }

    [Fact]
    public void ALinkToADeviceIsRefusedWithoutReadingIt()
    {
        using var content = TestContent.Copy();
        File.Delete(content.PathOf("rules/forms.json"));
        File.CreateSymbolicLink(content.PathOf("rules/forms.json"), "/dev/zero");

        var error = Assert.Throws<ContentValidationException>(() => ContentSnapshot.Load(content.Root));

        Assert.Equal("rules/forms.json", error.File);
        Assert.Contains("not a regular file", error.Problem);
    }
}
