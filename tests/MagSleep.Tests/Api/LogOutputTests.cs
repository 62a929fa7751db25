using System.Diagnostics;
using System.Text.Json;
using MagSleep.Api.Infrastructure.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace MagSleep.Tests.Api;

public class LogOutputTests
{
    private static readonly ActivityTraceId Trace = ActivityTraceId.CreateFromString("4bf92f3577b34da6a3ce929d0e0e4736");

    private static LogEvent RequestEvent() => new(
        DateTimeOffset.Parse("2026-11-21T10:00:00Z"),
        LogEventLevel.Information,
        exception: null,
        new MessageTemplateParser().Parse("HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.00} ms for {Caller}"),
        [
            new LogEventProperty("Method", new ScalarValue("POST")),
            new LogEventProperty("Route", new ScalarValue("/api/v1/guidance")),
            new LogEventProperty("StatusCode", new ScalarValue(200)),
            new LogEventProperty("ElapsedMs", new ScalarValue(1.23456)),
            new LogEventProperty("Caller", new ScalarValue("anonymous")),
            new LogEventProperty("SourceContext", new ScalarValue(ApiLogging.RequestCategory)),
            new LogEventProperty("RequestPath", new ScalarValue("/api/v1/guidance")),
            new LogEventProperty("RequestId", new ScalarValue("0HN1:00000001")),
            new LogEventProperty("ConnectionId", new ScalarValue("0HN1")),
        ],
        Trace,
        ActivitySpanId.CreateFromString("00f067aa0ba902b7"));

    private static string Format(LogEvent logEvent)
    {
        var output = new StringWriter();
        ApiLogging.JsonLines.Format(logEvent, output);
        return output.ToString();
    }

    [Fact]
    public void ARequestIsOneLineOfJsonWithItsMessageReadableAndNoFrameworkScope()
    {
        var text = Format(RequestEvent());

        Assert.EndsWith("}\n", text);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var line = JsonDocument.Parse(text).RootElement;
        Assert.Equal("2026-11-21T10:00:00.0000000Z", line.GetProperty("time").GetString());
        Assert.Equal("Information", line.GetProperty("level").GetString());
        Assert.Equal(ApiLogging.RequestCategory, line.GetProperty("category").GetString());
        Assert.Equal("HTTP POST /api/v1/guidance responded 200 in 1.23 ms for anonymous", line.GetProperty("message").GetString());
        Assert.Equal(200, line.GetProperty("StatusCode").GetInt32());
        Assert.Equal("/api/v1/guidance", line.GetProperty("Route").GetString());
        Assert.Equal(Trace.ToHexString(), line.GetProperty("TraceId").GetString());
        Assert.Equal(["time", "level", "category", "message", "Method", "Route", "StatusCode", "ElapsedMs", "Caller", "TraceId"], line.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void TextIsEscapedOnlyWhereJsonNeedsItAndChineseStaysReadable()
    {
        var logEvent = new LogEvent(
            DateTimeOffset.Parse("2026-11-21T10:00:00Z"),
            LogEventLevel.Error,
            new InvalidOperationException("内容 \"broken\""),
            new MessageTemplateParser().Parse("Content {File} refused: {Reason}"),
            [
                new LogEventProperty("File", new ScalarValue("articles/失眠.json")),
                new LogEventProperty("Reason", new ScalarValue("line 1\nline <2> & \"3\"")),
                new LogEventProperty("Ages", new SequenceValue([new ScalarValue(19), new ScalarValue(70)])),
                new LogEventProperty("Missing", new ScalarValue(null)),
            ]);

        var text = Format(logEvent);

        Assert.Contains("articles/失眠.json", text);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var line = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Content articles/失眠.json refused: line 1\nline <2> & \"3\"", line.GetProperty("message").GetString());
        Assert.Equal("line 1\nline <2> & \"3\"", line.GetProperty("Reason").GetString());
        Assert.Equal([19, 70], line.GetProperty("Ages").EnumerateArray().Select(age => age.GetInt32()));
        Assert.Equal(JsonValueKind.Null, line.GetProperty("Missing").ValueKind);
        Assert.StartsWith("System.InvalidOperationException: 内容 \"broken\"", line.GetProperty("exception").GetString());
        Assert.False(line.TryGetProperty("TraceId", out _));
    }

    [Fact]
    public void ALineWrittenWhileServingARequestCarriesItsTraceId()
    {
        var captured = new CapturedEvents();
        using var app = AppWithLogging([], captured);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MagSleep.Tests");
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();

        logger.LogWarning("Something went wrong");
        logger.LogWarning("A line that names its own {TraceId}", "given");

        var lines = captured.Events.Select(e => JsonDocument.Parse(Format(e)).RootElement).ToList();
        Assert.Equal(activity.TraceId.ToHexString(), lines.Single(l => l.GetProperty("message").GetString() == "Something went wrong").GetProperty("TraceId").GetString());
        Assert.Equal("given", lines.Single(l => l.GetProperty("message").GetString()!.StartsWith("A line")).GetProperty("TraceId").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Information")]
    [InlineData("Debug")]
    public void TheFrameworksRequestLinesStayOffWhateverTheConfigurationSays(string? microsoftLevel)
    {
        using var app = AppWithLogging(microsoftLevel is null ? [] : new()
        {
            ["Serilog:MinimumLevel:Override:Microsoft"] = microsoftLevel,
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = microsoftLevel,
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Hosting.Diagnostics"] = microsoftLevel,
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Server.Kestrel"] = microsoftLevel,
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Server.Kestrel.BadRequests"] = microsoftLevel,
        });
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        // Kestrel's lines on a request it refuses (a raw byte in the query) quote the request line, at Debug.
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel.BadRequests").IsEnabled(LogLevel.Debug));
        Assert.True(loggers.CreateLogger(ApiLogging.RequestCategory).IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void WithoutAnySettingsFileFrameworkChatterIsOff()
    {
        using var app = AppWithLogging([]);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.Hosting.Lifetime").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task ABatchOfLinesReachesStdoutInOneWriteEachLineWholeAndInOrder()
    {
        var stdout = new CountingStream();
        var sink = new StdoutBatchSink(ApiLogging.JsonLines, stdout);
        var batch = Enumerable.Range(0, 100).Select(_ => RequestEvent()).ToList();

        await sink.EmitBatchAsync(batch);

        Assert.Equal(1, stdout.Writes);
        var lines = System.Text.Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(100, lines.Length);
        Assert.All(lines, line => Assert.Equal("/api/v1/guidance", JsonDocument.Parse(line).RootElement.GetProperty("Route").GetString()));
    }

    [Fact]
    public async Task ABatchRetriedAfterAFailedWriteLeavesEveryLineOnceAndWhole()
    {
        var stdout = new CountingStream { FailingWrite = 1 };
        var sink = new StdoutBatchSink(ApiLogging.JsonLines, stdout);
        var batch = Enumerable.Range(0, 1000).Select(_ => RequestEvent()).ToList();

        // What Serilog's batching does when a batch fails: it hands the same batch over again.
        await Assert.ThrowsAsync<IOException>(() => sink.EmitBatchAsync(batch));
        await sink.EmitBatchAsync(batch);

        var lines = System.Text.Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1000, lines.Length);
        Assert.All(lines, line => Assert.Equal("/api/v1/guidance", JsonDocument.Parse(line).RootElement.GetProperty("Route").GetString()));
    }

    [Fact]
    public async Task ABatchWhoseFormattingFailedLeavesNothingOfItselfInTheNextBatch()
    {
        var stdout = new CountingStream();
        var failOnThird = new FailingFormatter(ApiLogging.JsonLines, failingEvent: 3);
        var sink = new StdoutBatchSink(failOnThird, stdout);

        await Assert.ThrowsAsync<FormatException>(() => sink.EmitBatchAsync([.. Enumerable.Range(0, 5).Select(_ => RequestEvent())]));
        await sink.EmitBatchAsync([RequestEvent()]);

        var lines = System.Text.Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Equal("/api/v1/guidance", JsonDocument.Parse(line).RootElement.GetProperty("Route").GetString());
    }

    /// <summary>Formats as the inner formatter does, and throws on one event, counted from 1, of all it is given.</summary>
    private sealed class FailingFormatter(ITextFormatter inner, int failingEvent) : ITextFormatter
    {
        private int _events;

        public void Format(LogEvent logEvent, TextWriter output)
        {
            if (++_events == failingEvent)
            {
                throw new FormatException("a property that cannot be formatted");
            }

            inner.Format(logEvent, output);
        }
    }

    /// <summary>A derived MemoryStream funnels every write, span or array, through the array overload.</summary>
    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        /// <summary>The one write, counted from 1, that fails.</summary>
        public int FailingWrite { get; init; }

        private int _attempts;

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (++_attempts == FailingWrite)
            {
                throw new IOException("stdout is gone");
            }

            Writes += count > 0 ? 1 : 0;
            base.Write(buffer, offset, count);
        }
    }

    private static WebApplication AppWithLogging(Dictionary<string, string?> settings, ILogEventSink? capture = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = Path.GetTempPath() });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        if (capture is not null)
        {
            builder.Services.AddSingleton(capture);
        }

        builder.AddApiLogging();
        return builder.Build();
    }

    private sealed class CapturedEvents : ILogEventSink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyList<LogEvent> Events => [.. _events];

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
    }
}
