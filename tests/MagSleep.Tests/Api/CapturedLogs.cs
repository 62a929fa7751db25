using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace MagSleep.Tests.Api;

/// <summary>The service with every log event it writes (all levels, with exceptions) kept for inspection.</summary>
public sealed class LogCapturingApiFactory : MagSleepApiFactory
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Everything the configuration lets through, and more than production does, so a leak at any level shows.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Verbose");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft", "Verbose");
        builder.UseSetting("Serilog:MinimumLevel:Override:System", "Verbose");
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }
}

public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Emit(LogEvent logEvent) =>
        _lines.Enqueue($"{logEvent.Level} {logEvent.RenderMessage()} | {string.Join("; ", logEvent.Properties.Select(p => $"{p.Key}={(p.Value is ScalarValue scalar ? scalar.Value : p.Value)}"))}; TraceId={logEvent.TraceId} | {logEvent.Exception}");
}
