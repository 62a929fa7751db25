using Microsoft.Extensions.Options;

namespace MagSleep.Api.Infrastructure.Content;

/// <summary>
/// Watches content/ and reloads after the folder has been quiet for a moment. It also polls where the folder
/// resolves to, because a deployment that switches a symlink (<c>ln -sfn v2 current</c>, a Kubernetes ConfigMap's
/// <c>..data</c>) changes no file the watcher is watching.
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
        var poll = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.PollMilliseconds));
        FileSystemWatcher? watcher = null;
        string? watchedTargets = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var targets = ResolvedTargets(store.ContentDirectory);
                if (targets != watchedTargets)
                {
                    watcher?.Dispose();
                    watcher = Watch(ResolvedPath(store.ContentDirectory), changed.Writer);
                    if (watchedTargets is not null)
                    {
                        changed.Writer.TryWrite(true);
                    }

                    watchedTargets = targets;
                }

                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                tick.CancelAfter(poll);
                try
                {
                    await changed.Reader.WaitToReadAsync(tick.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Without a watcher, every poll is a reload: slower to notice and more work, but edits still arrive.
                    if (watcher is not null)
                    {
                        continue;
                    }
                }

                // Let a burst of writes settle, then load once.
                do
                {
                    changed.Reader.TryRead(out _);
                    await Task.Delay(quiet, stoppingToken);
                }
                while (changed.Reader.TryRead(out _));

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

    /// <summary>Where the folder and each of its parts resolve to; a change in any of them is a new version deployed.</summary>
    private static string ResolvedTargets(string contentDirectory) =>
        string.Join('\n', MagSleep.Core.Content.ContentSnapshot.Folders
            .Select(folder => ResolvedPath(System.IO.Path.Combine(contentDirectory, folder)))
            .Prepend(ResolvedPath(contentDirectory)));

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
