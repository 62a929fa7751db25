using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace MagSleep.Tests.Api;

/// <summary>The service with every log event it writes (all levels, with scopes and exceptions) kept for inspection.</summary>
public sealed class LogCapturingApiFactory : MagSleepApiFactory
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        // The request line is written straight to Serilog, so the capture also listens there.
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }
}

public sealed class CapturedLogs : ILoggerProvider, ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public void Emit(LogEvent logEvent) =>
        _lines.Enqueue($"{logEvent.Level} {logEvent.RenderMessage()} | {string.Join("; ", logEvent.Properties.Select(p => $"{p.Key}={(p.Value is ScalarValue scalar ? scalar.Value : p.Value)}"))} | {logEvent.Exception}");

    private sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        private readonly Stack<object?> _scopes = new();

        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            sink._lines.Enqueue($"{category} scope: {Describe(state)}");
            return new Scope();
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink._lines.Enqueue($"{logLevel} {category} {formatter(state, exception)} | {Describe(state)} | {exception}");

        private static string Describe(object? state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : state?.ToString() ?? "";

        private sealed class Scope : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
