using System.ComponentModel.DataAnnotations;

namespace MagSleep.Api.Infrastructure.Content;

internal sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>
    /// The content folder. A relative path is looked for in the content root, each folder above it (the repository's
    /// content/ under <c>dotnet run</c>), then beside the app, where the build and publish ship a copy.
    /// </summary>
    public string Path { get; set; } = "content";

    /// <summary>The max-age of content answers, and how long the output cache keeps them (0: not kept).</summary>
    [Range(0, 31_536_000, ErrorMessage = "Content:MaxAgeSeconds must be a whole number from {1} to {2}.")]
    public int MaxAgeSeconds { get; set; } = 300;

    /// <summary>The Cache-Control of content responses, built once rather than on every request.</summary>
    internal string CacheControl => field ??= $"public, max-age={MaxAgeSeconds}";

    /// <summary>Watch the folder and swap in edits while running.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>How long the folder must be quiet before an edit is loaded, so a save in several writes is read once.</summary>
    [Range(0, 60_000, ErrorMessage = "Content:ReloadDelayMilliseconds must be a whole number from {1} to {2}.")]
    public int ReloadDelayMilliseconds { get; set; } = 300;

    /// <summary>How often the folder is checked for what the watcher cannot see: a symlink switched, a folder replaced or deleted.</summary>
    [Range(10, 3_600_000, ErrorMessage = "Content:PollMilliseconds must be a whole number from {1} to {2}.")]
    public int PollMilliseconds { get; set; } = 2000;
}
