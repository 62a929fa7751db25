namespace MagSleep.Tests;

internal static class TestContent
{
    public static string RealContentDirectory { get; } = FindRepositoryFolder("content");

    public static string RepositoryRoot => Path.GetDirectoryName(RealContentDirectory)!;

    private static readonly Lazy<MagSleep.Core.Content.Languages> RealLanguages = new(() => MagSleep.Core.Content.ContentSnapshot.Load(RealContentDirectory).Languages);

    /// <summary>The languages the real content declares.</summary>
    public static MagSleep.Core.Content.Languages Languages => RealLanguages.Value;

    public static string FindRepositoryFolder(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, name);
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(folder.FullName, "MagSleep.sln")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No '{name}' folder beside MagSleep.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>A throw-away copy of the real content, to break on purpose.</summary>
    public static TempContent Copy() => new(RealContentDirectory);
}

internal sealed class TempContent : IDisposable
{
    public TempContent(string source)
    {
        Root = Path.Combine(Path.GetTempPath(), "magsleep-content-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Edit(string relative, Func<string, string> change)
    {
        var path = PathOf(relative);
        var before = File.ReadAllText(path);
        var after = change(before);
        if (after == before)
        {
            throw new InvalidOperationException($"The edit to {relative} changed nothing.");
        }

        File.WriteAllText(path, after);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
