namespace MagSleep.Core.Content;

/// <summary>Names in content/ that are never content: hidden files and what editors leave beside the file they edit.</summary>
public static class ContentFiles
{
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
}
