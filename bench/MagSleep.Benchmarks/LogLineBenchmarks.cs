using BenchmarkDotNet.Attributes;
using MagSleep.Api.Infrastructure;
using Serilog.Events;
using Serilog.Parsing;

namespace MagSleep.Benchmarks;

/// <summary>Formatting one request line as JSON, as the stdout sink does for every request.</summary>
[MemoryDiagnoser]
public class LogLineBenchmarks
{
    private static readonly MessageTemplate Line = new MessageTemplateParser().Parse("HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs} ms for {Caller}, trace {TraceId}");
    private readonly JsonLineFormatter _formatter = new();
    private readonly System.Buffers.ArrayBufferWriter<byte> _output = new(4096);
    private LogEvent _event = null!;

    [GlobalSetup]
    public void Setup()
    {
        _event = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, Line,
        [
            new LogEventProperty("Method", new ScalarValue("POST")),
            new LogEventProperty("Route", new ScalarValue("/api/v1/guidance")),
            new LogEventProperty("StatusCode", new ScalarValue(200)),
            new LogEventProperty("ElapsedMs", new ScalarValue(0.03)),
            new LogEventProperty("Caller", new ScalarValue("anonymous")),
            new LogEventProperty("TraceId", new ScalarValue("df8e5c39f088cd1e0180b59c0f5e60e7")),
        ]);
        _event.AddPropertyIfAbsent(new LogEventProperty("SourceContext", new ScalarValue("MagSleep.Api.Requests")));
    }

    [Benchmark]
    public int FormatRequestLine()
    {
        _output.ResetWrittenCount();
        _formatter.Format(_event, _output);
        return _output.WrittenCount;
    }
}
