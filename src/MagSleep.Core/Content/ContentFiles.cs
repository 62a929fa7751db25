namespace MagSleep.Core.Content;

/// <summary>Which files in content/ are content, and how one is read.</summary>
public static class ContentFiles
{
    /// <summary>
    /// The most a content file may hold: far above any real one, and low enough
    /// that a runaway or wrongly linked file cannot take the service's memory. A guard against what is not content
    /// rather than a rule of content, so a constant and not a setting.
    /// </summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>
    /// Hidden names (vim's <c>.en.json.swp</c>, Emacs's <c>.#en.json</c> lock, a Kubernetes ConfigMap's <c>..data</c>),
    /// backups ending in <c>~</c>, Emacs's <c>#en.json#</c> and unhidden swap files are skipped by the loaders and the version hash.
    /// </summary>
    public static bool IsIgnored(string name) =>
        name.StartsWith('.') || IsEditorArtifact(name);

    /// <summary>What an editor writes while a file is open; a change to one of these is not an edit of content.</summary>
    public static bool IsEditorArtifact(string name) =>
        name.StartsWith(".#", StringComparison.Ordinal)
        || name.EndsWith('~')
        || (name.Length > 1 && name.StartsWith('#') && name.EndsWith('#'))
        || name.EndsWith(".swp", StringComparison.Ordinal)
        || name.EndsWith(".swo", StringComparison.Ordinal)
        || name.EndsWith(".swx", StringComparison.Ordinal);

    /// <summary>What a file finally points to: for a symlink .NET gives the link's own length and time, not its target's.</summary>
    public static FileInfo Target(FileInfo file) => file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;

    /// <summary>
    /// The bytes of a content file, which must be a file of 1 to <see cref="MaxFileBytes"/> bytes. The size is checked
    /// before the file is opened, because what is not a regular file has none: opening a FIFO waits for a writer
    /// forever, and <c>/dev/zero</c> never ends.
    /// </summary>
    public static byte[] Read(string path, string displayName)
    {
        var file = Target(new FileInfo(path));
        if (!file.Exists)
        {
            throw new ContentValidationException(displayName, "$", "the file is missing");
        }

        if (file.Length is 0 or > MaxFileBytes)
        {
            throw new ContentValidationException(displayName, "$", file.Length == 0
                ? "the file is empty or not a regular file (a FIFO, a device)"
                : $"the file is {file.Length} bytes; a content file may hold at most {MaxFileBytes}");
        }

        using var stream = File.OpenRead(path);
        var bytes = new byte[file.Length];
        // No more is read than was checked: a file that grew or shrank since is being written, and is read again after.
        if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length || stream.ReadByte() != -1)
        {
            throw new ContentValidationException(displayName, "$", "the file changed while it was read");
        }

        return bytes;
    }
}
