using MagSleep.Core.Content;
using Microsoft.Extensions.Options;

namespace MagSleep.Api.Infrastructure;

internal sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>The content folder. A relative path is looked for in the content root and each folder above it.</summary>
    public string Path { get; set; } = "content";

    public int MaxAgeSeconds { get; set; } = 300;

    /// <summary>The Cache-Control of content responses, built once rather than on every request.</summary>
    internal string CacheControl => field ??= $"public, max-age={MaxAgeSeconds}";

    /// <summary>Watch the folder and swap in edits while running.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>How long the folder must be quiet before an edit is loaded, so a save in several writes is read once.</summary>
    public int ReloadDelayMilliseconds { get; set; } = 300;
}

/// <summary>Why the newest edit of content/ is not being served.</summary>
internal sealed record RejectedEdit(string Reason, DateTimeOffset At);

/// <summary>
/// Holds the content that is being served. A new version replaces the old one in a single reference swap, so a
/// request sees either the old or the new content, never a mix. A broken edit is refused and the last good one stays.
/// </summary>
internal sealed partial class ContentStore(IOptions<ContentOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<ContentStore> logger)
{
    private ServedContent? _current;
    private RejectedEdit? _rejected;

    public ServedContent Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("Content has not been loaded yet.");

    public RejectedEdit? Rejected => Volatile.Read(ref _rejected);

    /// <summary>Raised after a new version has replaced the one being served.</summary>
    public event Action? Reloaded;

    public string ContentDirectory { get; } = Locate(options.Value.Path, environment.ContentRootPath);

    /// <summary>The first load: a failure here stops start-up.</summary>
    public void Load() => Volatile.Write(ref _current, new ServedContent(ContentSnapshot.Load(ContentDirectory, clock)));

    /// <summary>A later load: a failure keeps the last good content and is reported by /health/ready.</summary>
    public bool TryReload()
    {
        try
        {
            var snapshot = ContentSnapshot.Load(ContentDirectory, clock);
            Volatile.Write(ref _rejected, null);
            if (snapshot.Version != Volatile.Read(ref _current)?.Snapshot.Version)
            {
                Volatile.Write(ref _current, new ServedContent(snapshot));
                ContentReloaded(logger, snapshot.Version);
                Reloaded?.Invoke();
            }

            return true;
        }
        catch (ContentValidationException invalid)
        {
            Volatile.Write(ref _rejected, new RejectedEdit(invalid.Message, clock.GetUtcNow()));
            EditRejected(logger, invalid.Message, Volatile.Read(ref _current)?.Snapshot.Version);
            return false;
        }
    }

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

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = System.IO.Path.Combine(folder.FullName, configured);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return System.IO.Path.GetFullPath(configured, contentRoot);
    }
}

/// <summary>A content snapshot together with the responses already rendered from it.</summary>
internal sealed class ServedContent(ContentSnapshot snapshot)
{
    public ContentSnapshot Snapshot { get; } = snapshot;

}

/// <summary>Watches content/ and reloads after the folder has been quiet for a moment.</summary>
internal sealed class ContentWatcher(ContentStore store, IOptions<ContentOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Watch || !Directory.Exists(store.ContentDirectory))
        {
            return;
        }

        var changed = System.Threading.Channels.Channel.CreateBounded<bool>(new System.Threading.Channels.BoundedChannelOptions(1)
        {
            FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite,
        });
        using var watcher = new FileSystemWatcher(store.ContentDirectory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        FileSystemEventHandler onChange = (_, _) => changed.Writer.TryWrite(true);
        watcher.Changed += onChange;
        watcher.Created += onChange;
        watcher.Deleted += onChange;
        watcher.Renamed += (_, _) => changed.Writer.TryWrite(true);
        watcher.Error += (_, _) => changed.Writer.TryWrite(true);
        watcher.EnableRaisingEvents = true;

        var quiet = TimeSpan.FromMilliseconds(options.Value.ReloadDelayMilliseconds);
        try
        {
            while (await changed.Reader.WaitToReadAsync(stoppingToken))
            {
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
    }
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
