using Microsoft.Extensions.Options;

namespace MagSleep.Api.Infrastructure.Content;

/// <summary>
/// Watches content/ and reloads after the folder has been quiet for a moment. It also polls where the folder
/// resolves to and the size and time of its files, because a deployment that switches a symlink (<c>ln -sfn v2
/// current</c>, a Kubernetes ConfigMap's <c>..data</c>) changes no file the watcher is watching, and a watcher stays
/// on a folder renamed away or deleted rather than on the one that takes its place. PhysicalFileProvider's polling
/// tokens cannot do this job: they hash relative paths and times every 4 s, so they miss a switch to a copy with the
/// same times (cp -p, rsync -a), ignore sizes, and stop for good once the folder has been deleted.
/// </summary>
internal sealed partial class ContentWatcher(ContentStore store, IOptions<ContentOptions> options, ILogger<ContentWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Watch)
        {
            return;
        }

        var changed = System.Threading.Channels.Channel.CreateBounded<bool>(new System.Threading.Channels.BoundedChannelOptions(1)
        {
            FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite,
        });
        var quiet = TimeSpan.FromMilliseconds(options.Value.ReloadDelayMilliseconds);
        var poll = TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = Watch(ResolvedPath(store.ContentDirectory), changed.Writer);
            var seen = Fingerprint(store.ContentDirectory);
            while (!stoppingToken.IsCancellationRequested)
            {
                var missedByWatcher = false;
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                tick.CancelAfter(poll);
                try
                {
                    await changed.Reader.WaitToReadAsync(tick.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The watcher misses a symlink switched outside the folder, and stays on a folder that was renamed
                    // or deleted (or on a subfolder replaced by rename) instead of following the one now at the path.
                    if (Fingerprint(store.ContentDirectory) == seen)
                    {
                        continue;
                    }

                    missedByWatcher = true;
                }

                // Let a burst of writes settle, then load once.
                do
                {
                    changed.Reader.TryRead(out _);
                    await Task.Delay(quiet, stoppingToken);
                }
                while (changed.Reader.TryRead(out _));

                // Only a change the watcher missed means it is on the wrong folder; re-arming it after its own events
                // would loop where arming itself raises an error (no inotify watches left).
                if (missedByWatcher || watcher is null)
                {
                    watcher?.Dispose();
                    watcher = Watch(ResolvedPath(store.ContentDirectory), changed.Writer);
                }

                seen = Fingerprint(store.ContentDirectory);
                store.TryReload();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            watcher?.Dispose();
        }
    }

    private FileSystemWatcher? Watch(string folder, System.Threading.Channels.ChannelWriter<bool> changed)
    {
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            FileSystemEventHandler onChange = (_, e) =>
            {
                if (!MagSleep.Core.Content.ContentFiles.IsEditorArtifact(System.IO.Path.GetFileName(e.FullPath)))
                {
                    changed.TryWrite(true);
                }
            };
            watcher.Changed += onChange;
            watcher.Created += onChange;
            watcher.Deleted += onChange;
            watcher.Renamed += (sender, e) => onChange(sender, e);
            watcher.Error += (_, _) => changed.TryWrite(true);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        // A folder that is missing for now, or no inotify instance left: polling carries on until it can watch.
        catch (Exception unavailable) when (unavailable is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            watcher?.Dispose();
            CannotWatch(logger, folder, unavailable.Message);
            return null;
        }
    }

    /// <summary>
    /// Where the folder and each of its parts resolve to, and the size and time of every file in them: a change here is
    /// an edit or a new version deployed, whether or not the watcher saw it.
    /// </summary>
    private static string Fingerprint(string contentDirectory)
    {
        var fingerprint = new System.Text.StringBuilder(ResolvedPath(contentDirectory));
        foreach (var folder in MagSleep.Core.Content.ContentSnapshot.Folders.Select(folder => ResolvedPath(System.IO.Path.Combine(contentDirectory, folder))))
        {
            fingerprint.Append('\n').Append(folder);
            try
            {
                // Hidden files and editor artifacts are left out, so an editor left open does not mean a reload every poll.
                foreach (var entry in new DirectoryInfo(folder).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true }))
                {
                    if (!MagSleep.Core.Content.ContentFiles.IsEditorArtifact(entry.Name))
                    {
                        // A projected volume's files are links into a folder it swaps, so what they point to is compared.
                        var file = MagSleep.Core.Content.ContentFiles.Target(entry);
                        fingerprint.Append('\n').Append(entry.FullName).Append(' ').Append(file.Exists ? file.Length : -1).Append(' ').Append(file.LastWriteTimeUtc.Ticks);
                    }
                }
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
            {
                fingerprint.Append(' ').Append(unreadable.GetType().Name);
            }
        }

        return fingerprint.ToString();
    }

    /// <summary>
    /// The path with every symlink along it followed, as realpath(3) gives it; .NET's ResolveLinkTarget follows only
    /// the last part. A missing part ends the walk: what does not exist yet cannot be a link.
    /// </summary>
    internal static string ResolvedPath(string path, int depth = 0)
    {
        var full = System.IO.Path.GetFullPath(path);
        var root = System.IO.Path.GetPathRoot(full)!;
        var resolved = root;
        foreach (var part in full[root.Length..].Split(System.IO.Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            resolved = System.IO.Path.Combine(resolved, part);
            if (depth < 32 && LinkTarget(resolved) is { } target)
            {
                resolved = ResolvedPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(resolved)!, target), depth + 1);
            }
        }

        return resolved;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Cannot watch {Folder} for content edits ({Problem}); checking it every poll instead")]
    private static partial void CannotWatch(ILogger logger, string folder, string problem);
}
