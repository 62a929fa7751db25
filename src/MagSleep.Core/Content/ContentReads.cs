using System.Security.Cryptography;
using System.Text;

namespace MagSleep.Core.Content;

/// <summary>
/// The content files one load has read, each once, so that the version is a hash of exactly the bytes the loaders
/// parsed: reading the files again to hash them could see an edit made after they were parsed.
/// </summary>
public sealed class ContentReads
{
    private readonly Func<string, string, byte[]> _read;
    private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public ContentReads()
        : this(ContentFiles.Read)
    {
    }

    /// <param name="read">Reads a file as <see cref="ContentFiles.Read"/> does; a test's can edit the file once it has been read.</param>
    internal ContentReads(Func<string, string, byte[]> read) => _read = read;

    /// <summary>The bytes of a content file (<see cref="ContentFiles.Read"/>), kept for <see cref="Hash"/>.</summary>
    /// <exception cref="InvalidOperationException">The file was read before in this load: two reads could differ, and only one would be hashed.</exception>
    public byte[] Read(string path, string displayName)
    {
        var full = Path.GetFullPath(path);
        if (_files.ContainsKey(full))
        {
            throw new InvalidOperationException($"{displayName} was read twice in one content load; read it once and pass its bytes on.");
        }

        var bytes = _read(path, displayName);
        _files.Add(full, bytes);
        return bytes;
    }

    /// <summary>
    /// A hash of every file read, in the ordinal order of their full paths: each one's path relative to
    /// <paramref name="root"/> with forward slashes and a newline, then its bytes.
    /// </summary>
    public string Hash(string root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, bytes) in _files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, path).Replace('\\', '/') + "\n"));
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
