using System.Diagnostics;
using System.Text.Json.Nodes;
using MagSleep.Core.Content;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MagSleep.Tests.Api;

/// <summary>Deploying a new content version by switching a symlink, as operators and Kubernetes ConfigMaps do.</summary>
public sealed class ContentDeploymentTests : IDisposable
{
    private const string EnglishFile = "articles/magnesium-and-sleep/en.json";
    private readonly DirectoryInfo _deployments = Directory.CreateTempSubdirectory("magsleep-deploy-");

    [Fact]
    public async Task SwitchingTheCurrentSymlinkToANewVersionIsNoticed()
    {
        var v1 = Version("v1", "Version one");
        var v2 = Version("v2", "Version two, replaced");
        Run("ln", "-sfn", "v1", "current");
        using var factory = Serve(Path.Combine(_deployments.FullName, "current"));
        using var client = factory.CreateClient();
        Assert.Equal("Version one", await Title(client));

        Run("ln", "-sfn", "v2", "current");
        var ready = await WaitForVersion(client, v2);

        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("Version two, replaced", await Title(client));

        // The watcher follows the switch: an edit inside the new target is seen too.
        EditTitle("v2", "Version two, replaced and edited");
        await WaitForVersion(client, ContentSnapshot.Load(Path.Combine(_deployments.FullName, "v2")).Version);
        Assert.Equal("Version two, replaced and edited", await Title(client));
        Assert.NotEqual(v1, v2);
    }

    [Fact]
    public async Task AConfigMapStyleSwapOfItsDataLinkIsNoticed()
    {
        // The kubelet's layout: articles -> ..data/articles, ..data -> ..<timestamp>, swapped by renaming a new link over ..data.
        var mount = _deployments.CreateSubdirectory("mount").FullName;
        Version("mount/..2026_12_01", "Mounted one");
        var second = Version("mount/..2026_12_02", "Mounted two");
        Run("ln", "-s", "..2026_12_01", "mount/..data");
        foreach (var folder in new[] { "articles", "rules", "questionnaire", "messages" })
        {
            Run("ln", "-s", $"..data/{folder}", $"mount/{folder}");
        }

        using var factory = Serve(mount);
        using var client = factory.CreateClient();
        Assert.Equal("Mounted one", await Title(client));

        Run("ln", "-s", "..2026_12_02", "mount/..data_tmp");
        Run("mv", "-T", "mount/..data_tmp", "mount/..data");
        await WaitForVersion(client, second);

        Assert.Equal("Mounted two", await Title(client));
    }

    /// <summary>Every folder of the content is followed, messages/ too: its link is switched outside the watched folder.</summary>
    [Fact]
    public async Task SwitchingALinkedMessagesFolderIsNoticed()
    {
        Version("content", "Linked messages");
        Directory.Move(Path.Combine(_deployments.FullName, "content", "messages"), Path.Combine(_deployments.FullName, "messages-v1"));
        Directory.CreateDirectory(Path.Combine(_deployments.FullName, "messages-v2"));
        var problems = Path.Combine(_deployments.FullName, "messages-v2", "problems.json");
        var texts = JsonNode.Parse(File.ReadAllText(Path.Combine(_deployments.FullName, "messages-v1", "problems.json")))!;
        texts["detail.not-found"]!["en"] = "Nothing is served here.";
        File.WriteAllText(problems, texts.ToJsonString());
        Run("ln", "-s", "messages-v1", "messages-current");
        Run("ln", "-s", "../messages-current", "content/messages");

        using var factory = Serve(Path.Combine(_deployments.FullName, "content"));
        using var client = factory.CreateClient();
        Assert.Equal("There is nothing at this address.", await NotFoundDetail(client));

        Run("ln", "-sfn", "messages-v2", "messages-current");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await NotFoundDetail(client) != "Nothing is served here." && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal("Nothing is served here.", await NotFoundDetail(client));

        static async Task<string?> NotFoundDetail(HttpClient client) =>
            (await (await client.GetAsync("/api/v1/no-such-thing")).JsonAsync()).GetProperty("detail").GetString();
    }

    [Fact]
    public async Task AFolderReplacedByRenameIsServedAndWatchedFromThenOn()
    {
        Version("content", "Version one");
        var content = Path.Combine(_deployments.FullName, "content");
        using var factory = Serve(content);
        using var client = factory.CreateClient();
        Assert.Equal("Version one", await Title(client));

        var second = Version("content-new", "Version two, replaced");
        Directory.Move(content, Path.Combine(_deployments.FullName, "content-old"));
        Directory.Move(Path.Combine(_deployments.FullName, "content-new"), content);
        await WaitForVersion(client, second);
        Assert.Equal("Version two, replaced", await Title(client));

        EditTitle("content", "Version two, replaced and edited");
        await WaitForVersion(client, ContentSnapshot.Load(content).Version);
        Assert.Equal("Version two, replaced and edited", await Title(client));
    }

    [Fact]
    public async Task AFolderDeletedAndMadeAgainIsServedAgain()
    {
        Version("content", "Version one");
        var content = Path.Combine(_deployments.FullName, "content");
        using var factory = Serve(content);
        using var client = factory.CreateClient();

        Directory.Delete(content, recursive: true);
        await client.WaitForReadyAsync(ready => ready.GetProperty("status").GetString() == "degraded");
        var again = Version("content", "Made again");
        var ready = await WaitForVersion(client, again);

        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("Made again", await Title(client));
    }

    /// <summary>.NET's watcher on Linux can fall silent when a folder it watches is swapped for another by rename.</summary>
    [Fact]
    public async Task AnArticlesFolderReplacedByRenameIsServedAndWatchedFromThenOn()
    {
        Version("content", "Version one");
        Version("staged", "Version two, replaced");
        var content = Path.Combine(_deployments.FullName, "content");
        using var factory = Serve(content);
        using var client = factory.CreateClient();
        Assert.Equal("Version one", await Title(client));

        Directory.Move(Path.Combine(content, "articles"), Path.Combine(_deployments.FullName, "articles-old"));
        Directory.Move(Path.Combine(_deployments.FullName, "staged", "articles"), Path.Combine(content, "articles"));
        await WaitForVersion(client, ContentSnapshot.Load(content).Version);
        Assert.Equal("Version two, replaced", await Title(client));

        EditTitle("content", "Version two, replaced and edited");
        await WaitForVersion(client, ContentSnapshot.Load(content).Version);
        Assert.Equal("Version two, replaced and edited", await Title(client));
    }

    private WebApplicationFactory<Program> Serve(string contentPath) =>
        new MagSleepApiFactory().WithWebHostBuilder(b => b
            .UseSetting("Content:Path", contentPath)
            .UseSetting("Content:ReloadDelayMilliseconds", "50")
            .UseSetting("Content:PollMilliseconds", "100"));

    /// <summary>A full copy of the content under <paramref name="name"/> with its own title; returns its version.</summary>
    private string Version(string name, string title)
    {
        using var source = TestContent.Copy();
        var target = Path.Combine(_deployments.FullName, name);
        foreach (var file in Directory.GetFiles(source.Root, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source.Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        EditTitle(name, title);
        return ContentSnapshot.Load(target).Version;
    }

    private void EditTitle(string version, string title)
    {
        var path = Path.Combine(_deployments.FullName, version, EnglishFile);
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        node["title"] = title;
        File.WriteAllText(path, node.ToJsonString());
    }

    private void Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { WorkingDirectory = _deployments.FullName })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static async Task<string?> Title(HttpClient client) =>
        (await client.GetJsonAsync("/api/v1/articles/magnesium-and-sleep")).GetProperty("title").GetString();

    private static Task<System.Text.Json.JsonElement> WaitForVersion(HttpClient client, string version) =>
        client.WaitForReadyAsync(ready => ready.GetProperty("contentVersion").GetString() == version);

    public void Dispose() => _deployments.Delete(recursive: true);
}
