using System.Diagnostics.Metrics;
using MagSleep.Core.Content;
using Microsoft.Extensions.Options;

namespace MagSleep.Api.Infrastructure;

internal sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>
    /// The content folder. A relative path is looked for in the content root, each folder above it (the repository's
    /// content/ under <c>dotnet run</c>), then beside the app, where the build and publish ship a copy.
    /// </summary>
    public string Path { get; set; } = "content";

    public int MaxAgeSeconds { get; set; } = 300;

    /// <summary>The Cache-Control of content responses, built once rather than on every request.</summary>
    internal string CacheControl => field ??= $"public, max-age={MaxAgeSeconds}";

    /// <summary>Watch the folder and swap in edits while running.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>How long the folder must be quiet before an edit is loaded, so a save in several writes is read once.</summary>
    public int ReloadDelayMilliseconds { get; set; } = 300;

    /// <summary>How often the folder's resolved target is checked, so switching a symlink to a new version is noticed.</summary>
    public int PollMilliseconds { get; set; } = 2000;
}

/// <summary>Why the newest edit of content/ is not being served: a public reason code (details go to the log only).</summary>
internal sealed record RejectedEdit(string Code, DateTimeOffset At)
{
    public const string ContentInvalid = "content-invalid";
}

/// <summary>
/// Holds the content that is being served. A new version replaces the old one in a single reference swap, so a
/// request sees either the old or the new content, never a mix. A broken edit is refused and the last good one stays.
/// </summary>
internal sealed partial class ContentStore
{
    public const string MeterName = "MagSleep.Content";

    private readonly TimeProvider _clock;
    private readonly ILogger<ContentStore> _logger;
    private readonly Counter<long> _reloads;
    private ServedContent? _current;
    private RejectedEdit? _rejected;

    public ContentStore(IOptions<ContentOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<ContentStore> logger, IMeterFactory? meters = null)
    {
        _clock = clock;
        _logger = logger;
        ContentDirectory = Locate(options.Value.Path, environment.ContentRootPath);
        var meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _reloads = meter.CreateCounter<long>("magsleep.content.reloads", "{reload}",
            "Content edits read while running, by outcome: accepted (a new version is served) or refused (the last good version stays).");
        meter.CreateObservableGauge("magsleep.content.version", ObserveVersion, "{version}",
            "1 for the content version being served, named in the content.version attribute.");
    }

    public ServedContent Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("Content has not been loaded yet.");

    public RejectedEdit? Rejected => Volatile.Read(ref _rejected);

    /// <summary>Raised after a new version has replaced the one being served.</summary>
    public event Action? Reloaded;

    public string ContentDirectory { get; }

    /// <summary>The first load: a failure here stops start-up.</summary>
    public void Load() => Volatile.Write(ref _current, new ServedContent(ContentSnapshot.Load(ContentDirectory, _clock)));

    /// <summary>A later load: any failure keeps the last good content and is reported by /health/ready.</summary>
    public bool TryReload()
    {
        try
        {
            var snapshot = ContentSnapshot.Load(ContentDirectory, _clock);
            if (Volatile.Read(ref _current) is { } served && !snapshot.Languages.Tags.SequenceEqual(served.Snapshot.Languages.Tags, StringComparer.Ordinal))
            {
                throw new ContentValidationException("rules/ruleset.json", "$.languages",
                    $"the served languages ({string.Join(", ", served.Snapshot.Languages.Tags)}) change only with a restart, which reads the problem texts again");
            }

            Volatile.Write(ref _rejected, null);
            if (snapshot.Version != Volatile.Read(ref _current)?.Snapshot.Version)
            {
                Volatile.Write(ref _current, new ServedContent(snapshot));
                _reloads.Add(1, new KeyValuePair<string, object?>("outcome", "accepted"));
                ContentReloaded(_logger, snapshot.Version);
                Reloaded?.Invoke();
            }

            return true;
        }
        // Whatever goes wrong while reading an edit, the service keeps serving what it has.
        catch (Exception refused)
        {
            // Logged before the refusal is published, so whoever sees "degraded" can already find the reason in the log.
            EditRejected(_logger, refused.Message, Volatile.Read(ref _current)?.Snapshot.Version);
            _reloads.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
            Volatile.Write(ref _rejected, new RejectedEdit(RejectedEdit.ContentInvalid, _clock.GetUtcNow()));
            return false;
        }
    }

    private IEnumerable<Measurement<int>> ObserveVersion() =>
        Volatile.Read(ref _current) is { } served
            ? [new Measurement<int>(1, new KeyValuePair<string, object?>("content.version", served.Snapshot.Version))]
            : [];

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Content reloaded; now serving version {ContentVersion}")]
    private static partial void ContentReloaded(ILogger logger, string contentVersion);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Content edit refused, still serving version {ContentVersion}: {Reason}")]
    private static partial void EditRejected(ILogger logger, string reason, string? contentVersion);

    private static string Locate(string configured, string contentRoot)
    {
        if (System.IO.Path.IsPathRooted(configured))
        {
            return configured;
        }

        for (var folder = new DirectoryInfo(contentRoot); folder is not null; folder = folder.Parent)
        {
            var candidate = System.IO.Path.Combine(folder.FullName, configured);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        var shipped = System.IO.Path.Combine(AppContext.BaseDirectory, configured);
        return Directory.Exists(shipped) ? shipped : System.IO.Path.GetFullPath(configured, contentRoot);
    }
}

/// <summary>A content snapshot together with the responses already rendered from it.</summary>
internal sealed class ServedContent(ContentSnapshot snapshot)
{
    public ContentSnapshot Snapshot { get; } = snapshot;

}

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

    /// <summary>Where the folder and its two parts resolve to; a change in any of them is a new version deployed.</summary>
    private static string ResolvedTargets(string contentDirectory) =>
        $"{ResolvedPath(contentDirectory)}\n{ResolvedPath(System.IO.Path.Combine(contentDirectory, "articles"))}\n{ResolvedPath(System.IO.Path.Combine(contentDirectory, "rules"))}";

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

internal static class ContentStoreExtensions
{
    public static IServiceCollection AddContentStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ContentOptions>(configuration.GetSection(ContentOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ContentStore>();
        services.AddHostedService<ContentWatcher>();
        return services;
    }
}
