using System.Diagnostics.Metrics;
using MagSleep.Api.Infrastructure.Validation;
using MagSleep.Core.Content;
using Microsoft.Extensions.Options;

namespace MagSleep.Api.Infrastructure.Content;

/// <summary>
/// Holds the content that is being served. A new version replaces the old one in a single reference swap, and each
/// request is pinned to the version it started with, so it sees the old or the new content, never a mix: its
/// validators, its handler and the texts of its errors all read one version. A broken edit is refused and the last
/// good one stays.
/// </summary>
internal sealed partial class ContentStore
{
    public const string MeterName = "MagSleep.Content";

    private readonly TimeProvider _clock;
    private readonly ILogger<ContentStore> _logger;
    private readonly Counter<long> _reloads;
    private ContentSnapshot? _current;
    private RejectedEdit? _rejected;
    private readonly AsyncLocal<ContentPin?> _pinned = new();

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

    /// <summary>The version pinned for the calling request, or outside a request the version being served.</summary>
    public ContentSnapshot Current => _pinned.Value?.Served ?? Volatile.Read(ref _current) ?? throw new InvalidOperationException("Content has not been loaded yet.");

    /// <summary>
    /// Pins the version being served now for the rest of the calling asynchronous flow (one request) until the pin is
    /// disposed. Work the request starts that outlives it sees the version being served then, and holds no old one.
    /// </summary>
    public IDisposable Pin()
    {
        var pin = new ContentPin(Volatile.Read(ref _current));
        _pinned.Value = pin;
        return pin;
    }

    /// <summary>Whether <see cref="Current"/> is still the version being served, or a reload has replaced it since the request began.</summary>
    public bool CurrentIsServed => ReferenceEquals(Current, Volatile.Read(ref _current));

    public RejectedEdit? Rejected => Volatile.Read(ref _rejected);

    /// <summary>Raised after a new version has replaced the one being served.</summary>
    public event Action? Reloaded;

    public string ContentDirectory { get; }

    /// <summary>The first load: a failure here stops start-up.</summary>
    public void Load() => Volatile.Write(ref _current, ContentSnapshot.Load(ContentDirectory, _clock));

    /// <summary>A later load: any failure keeps the last good content and is reported by /health/ready.</summary>
    public bool TryReload()
    {
        try
        {
            var snapshot = ContentSnapshot.Load(ContentDirectory, _clock);
            if (Volatile.Read(ref _current) is { } served && !snapshot.Languages.Tags.SequenceEqual(served.Languages.Tags, StringComparer.Ordinal))
            {
                // The languages are part of the API's contract (an enum in the OpenAPI document, compiled into generated
                // clients), so a new list is a deployment, not an edit.
                throw new ContentValidationException("rules/ruleset.json", "$.languages",
                    $"the served languages ({string.Join(", ", served.Languages.Tags)}) change only with a restart");
            }

            Volatile.Write(ref _rejected, null);
            if (snapshot.Version != Volatile.Read(ref _current)?.Version)
            {
                Volatile.Write(ref _current, snapshot);
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
            EditRejected(_logger, refused.Message, Volatile.Read(ref _current)?.Version);
            _reloads.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
            Volatile.Write(ref _rejected, new RejectedEdit(RejectedEdit.ContentInvalid, _clock.GetUtcNow()));
            return false;
        }
    }

    private IEnumerable<Measurement<int>> ObserveVersion() =>
        Volatile.Read(ref _current) is { } served
            ? [new Measurement<int>(1, new KeyValuePair<string, object?>("content.version", served.Version))]
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

internal static class ContentStoreExtensions
{
    public static IServiceCollection AddContentStore(this IServiceCollection services)
    {
        services.AddCheckedSettings<ContentOptions>(ContentOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ContentStore>();
        services.AddHostedService<ContentWatcher>();
        return services;
    }

    /// <summary>First in the pipeline, so that the exception handler and status-code pages read the request's version too.</summary>
    public static IApplicationBuilder UseOneContentVersionPerRequest(this IApplicationBuilder app)
    {
        var store = app.ApplicationServices.GetRequiredService<ContentStore>();
        return app.Use(async (context, next) =>
        {
            using var pin = store.Pin();
            await next(context);
        });
    }
}
