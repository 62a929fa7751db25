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
        var output = new StringWriter();

        new JsonLineFormatter().Format(RequestEvent(), output);

        var text = output.ToString();
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
    public void LinesWaitInTheBufferButAWarningIsWrittenAtOnce()
    {
        var stdout = new MemoryStream();
        var sink = new BufferedStdoutSink(new JsonLineFormatter(), stdout, TimeSpan.FromHours(1));

        sink.Emit(RequestEvent());
        Assert.Equal(0, stdout.Length);

        sink.Emit(RequestEvent(LogEventLevel.Warning));
        var lines = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Information", "Warning"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("level").GetString()));
    }

    [Fact]
    public void NothingBufferedIsLostWhenTheSinkIsDisposed()
    {
        var stdout = new KeepOpenStream();
        var sink = new BufferedStdoutSink(new JsonLineFormatter(), stdout, TimeSpan.FromHours(1));
        for (var i = 0; i < 1000; i++)
        {
            sink.Emit(RequestEvent());
        }

        sink.Dispose();

        Assert.Equal(1000, Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
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

    private static WebApplication AppWithLogging(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = Path.GetTempPath() });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddApiLogging();
        return builder.Build();
    }

    private sealed class KeepOpenStream : MemoryStream
    {
        protected override void Dispose(bool disposing)
        {
        }
    }
}
