using System.Buffers;
using System.Text;
using System.Text.Json;
using MagSleep.Api.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace MagSleep.Tests.Api;

public class LogOutputTests
{
    private static LogEvent RequestEvent(LogEventLevel level = LogEventLevel.Information) => new(
        DateTimeOffset.Parse("2026-11-21T10:00:00Z"),
        level,
        exception: null,
        new MessageTemplateParser().Parse("HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.00} ms for {Caller}"),
        [
            new LogEventProperty("Method", new ScalarValue("POST")),
            new LogEventProperty("Route", new ScalarValue("/api/v1/guidance")),
            new LogEventProperty("StatusCode", new ScalarValue(200)),
            new LogEventProperty("ElapsedMs", new ScalarValue(1.23456)),
            new LogEventProperty("Caller", new ScalarValue("anonymous")),
            new LogEventProperty("TraceId", new ScalarValue("4bf92f3577b34da6a3ce929d0e0e4736")),
            new LogEventProperty("SourceContext", new ScalarValue("MagSleep.Requests")),
            new LogEventProperty("RequestPath", new ScalarValue("/api/v1/guidance")),
            new LogEventProperty("ConnectionId", new ScalarValue("0HN1")),
        ]);

    [Fact]
    public void ARequestIsOneLineOfJsonWithItsMessageReadableAndNoFrameworkScope()
    {
        var output = new ArrayBufferWriter<byte>();

        new JsonLineFormatter().Format(RequestEvent(), output);

        var text = Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.EndsWith("}\n", text);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var line = JsonDocument.Parse(text).RootElement;
        Assert.Equal("2026-11-21T10:00:00.0000000Z", line.GetProperty("time").GetString());
        Assert.Equal("Information", line.GetProperty("level").GetString());
        Assert.Equal("MagSleep.Requests", line.GetProperty("category").GetString());
        Assert.Equal("HTTP POST /api/v1/guidance responded 200 in 1.23 ms for anonymous", line.GetProperty("message").GetString());
        Assert.Equal(200, line.GetProperty("StatusCode").GetInt32());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", line.GetProperty("TraceId").GetString());
        Assert.False(line.TryGetProperty("RequestPath", out _));
        Assert.False(line.TryGetProperty("ConnectionId", out _));
        Assert.False(line.TryGetProperty("SourceContext", out _));
    }

    [Fact]
    public void TextIsEscapedOnlyWhereJsonNeedsItAndChineseStaysReadable()
    {
        var output = new ArrayBufferWriter<byte>();
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
                new LogEventProperty("Ratio", new ScalarValue(double.NaN)),
            ]);

        new JsonLineFormatter().Format(logEvent, output);

        var text = Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.Contains("articles/失眠.json", text);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var line = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Content articles/失眠.json refused: line 1\nline <2> & \"3\"", line.GetProperty("message").GetString());
        Assert.Equal("line 1\nline <2> & \"3\"", line.GetProperty("Reason").GetString());
        Assert.Equal([19, 70], line.GetProperty("Ages").EnumerateArray().Select(age => age.GetInt32()));
        Assert.Equal(JsonValueKind.Null, line.GetProperty("Missing").ValueKind);
        Assert.Equal("NaN", line.GetProperty("Ratio").GetString());
        Assert.StartsWith("System.InvalidOperationException: 内容 \"broken\"", line.GetProperty("exception").GetString());
    }

    public static TheoryData<object?, string?> NonTextValues => new()
    {
        { 200, null }, { -7L, null }, { 1.23456, "0.00" }, { 0.1 + 0.2, null }, { double.NaN, null }, { -0.0, null }, { 1e300, null },
        { 12.5m, null }, { 255, "x4" }, { new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc), null },
        { new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(8)), "O" }, { Guid.Parse("4bf92f35-77b3-4da6-a3ce-929d0e0e4736"), null },
        { LogEventLevel.Warning, null }, { 'x', null }, { true, null }, { null, null }, { TimeSpan.FromMilliseconds(1234.5), null },
    };

    [Theory]
    [MemberData(nameof(NonTextValues))]
    public void ValuesOtherThanTextAppearInTheMessageAsSerilogRendersThem(object? value, string? format)
    {
        var output = new ArrayBufferWriter<byte>();
        var template = format is null ? "Took {Value} then {Value,8}." : $"Took {{Value:{format}}} then {{Value,8:{format}}}.";
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse(template),
            [new LogEventProperty("Value", new ScalarValue(value))]);

        new JsonLineFormatter().Format(logEvent, output);

        var message = JsonDocument.Parse(output.WrittenMemory).RootElement.GetProperty("message").GetString();
        Assert.Equal(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture), message);
    }

    [Fact]
    public void ManyLinesInARowStaySeparateAndComplete()
    {
        var output = new ArrayBufferWriter<byte>();
        var formatter = new JsonLineFormatter();
        for (var i = 0; i < 500; i++)
        {
            formatter.Format(RequestEvent(i % 2 == 0 ? LogEventLevel.Information : LogEventLevel.Warning), output);
        }

        var lines = Encoding.UTF8.GetString(output.WrittenSpan).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(500, lines.Length);
        Assert.All(lines, line => Assert.Equal("/api/v1/guidance", JsonDocument.Parse(line).RootElement.GetProperty("Route").GetString()));
    }

    [Fact]
    public void ALineWrittenWhileServingARequestCarriesItsTraceId()
    {
        var stdout = new KeepOpenStream();
        using (var app = AppWithLogging([], stdout))
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MagSleep.Tests");
            using var activity = new System.Diagnostics.Activity("request").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
            logger.LogWarning("Something went wrong");
            logger.LogWarning("A line that names its own {TraceId}", "given");

            var lines = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(activity.TraceId.ToHexString(), lines.Single(l => l.GetProperty("message").GetString() == "Something went wrong").GetProperty("TraceId").GetString());
            Assert.Equal("given", lines.Single(l => l.GetProperty("message").GetString()!.StartsWith("A line")).GetProperty("TraceId").GetString());
        }
    }

    [Fact]
    public void LinesWaitInTheBufferButAWarningIsWrittenAtOnce()
    {
        var stdout = new MemoryStream();
        var sink = new BufferedStdoutSink(stdout, TimeSpan.FromHours(1));

        sink.Emit(RequestEvent());
        Assert.Equal(0, stdout.Length);

        sink.Emit(RequestEvent(LogEventLevel.Warning));
        var lines = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Information", "Warning"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("level").GetString()));
    }

    [Fact]
    public void AValueThatCannotBeFormattedLeavesNoHalfLineBehind()
    {
        var stdout = new MemoryStream();
        var sink = new BufferedStdoutSink(stdout, TimeSpan.FromHours(1));
        // The long value makes the writer hand over part of the line before the broken value is reached.
        var broken = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse("Value {Long}"),
            [new LogEventProperty("Long", new ScalarValue(new string('x', 200_000))), new LogEventProperty("Broken", new ScalarValue(new Unprintable()))]);

        Assert.ThrowsAny<Exception>(() => sink.Emit(broken));
        sink.Emit(RequestEvent(LogEventLevel.Warning));

        var lines = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Warning", JsonDocument.Parse(Assert.Single(lines)).RootElement.GetProperty("level").GetString());
    }

    [Fact]
    public void NothingBufferedIsLostWhenTheSinkIsDisposed()
    {
        var stdout = new KeepOpenStream();
        var sink = new BufferedStdoutSink(stdout, TimeSpan.FromHours(1));
        for (var i = 0; i < 1000; i++)
        {
            sink.Emit(RequestEvent());
        }

        sink.Dispose();

        Assert.Equal(1000, Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void AFullDiskDropsTheWaitingLinesWithoutThrowingAndLaterLinesAreWritten()
    {
        var stdout = new FailingStream { Failing = true };
        var sink = new BufferedStdoutSink(stdout, TimeSpan.FromHours(1));
        sink.Emit(RequestEvent());
        sink.Emit(RequestEvent(LogEventLevel.Warning));
        sink.Flush();

        stdout.Failing = false;
        sink.Emit(RequestEvent(LogEventLevel.Error));

        var lines = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Error", JsonDocument.Parse(Assert.Single(lines)).RootElement.GetProperty("level").GetString());
    }

    /// <summary>An exception thrown from a timer callback ends the process, which would take the test run with it.</summary>
    [Fact]
    public async Task AFailedWriteOnTheTimerDoesNotEndTheProcess()
    {
        var stdout = new FailingStream { Failing = true };
        using var sink = new BufferedStdoutSink(stdout, TimeSpan.FromMilliseconds(5));
        sink.Emit(RequestEvent());
        while (stdout.FailedWrites < 3)
        {
            sink.Emit(RequestEvent());
            await Task.Delay(5);
        }

        stdout.Failing = false;
        sink.Emit(RequestEvent());
        for (var waited = 0; stdout.Length == 0 && waited < 5000; waited += 10)
        {
            await Task.Delay(10);
        }

        Assert.Equal("Information", JsonDocument.Parse(Encoding.UTF8.GetString(stdout.ToArray()).Split('\n')[0]).RootElement.GetProperty("level").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Information")]
    [InlineData("Debug")]
    public void TheFrameworksRequestLinesStayOffWhateverTheConfigurationSays(string? microsoftLevel)
    {
        using var app = AppWithLogging(microsoftLevel is null ? [] : new() { ["Serilog:MinimumLevel:Override:Microsoft"] = microsoftLevel, ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = microsoftLevel });
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("MagSleep.Api.Infrastructure.Logging").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void WithoutAnySettingsFileFrameworkChatterIsOff()
    {
        using var app = AppWithLogging([]);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.Hosting.Lifetime").IsEnabled(LogLevel.Information));
    }

    private static WebApplication AppWithLogging(Dictionary<string, string?> settings, Stream? output = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = Path.GetTempPath() });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddApiLogging(output);
        return builder.Build();
    }

    private sealed class Unprintable : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) => throw new FormatException("cannot print");
    }

    private sealed class KeepOpenStream : MemoryStream
    {
        protected override void Dispose(bool disposing)
        {
        }
    }

    private sealed class FailingStream : MemoryStream
    {
        private int _failedWrites;

        public volatile bool Failing;

        public int FailedWrites => Volatile.Read(ref _failedWrites);

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Failing)
            {
                Interlocked.Increment(ref _failedWrites);
                throw new IOException("No space left on device");
            }

            base.Write(buffer);
        }
    }
}
