using BenchmarkDotNet.Attributes;
using MagSleep.Api.Infrastructure;
using Serilog.Events;

namespace MagSleep.Benchmarks;

/// <summary>Building and formatting one request line, as the request logger and the stdout sink do for every request.</summary>
[MemoryDiagnoser]
public class LogLineBenchmarks
{
    private readonly JsonLineFormatter _formatter = new();
    private readonly System.Buffers.ArrayBufferWriter<byte> _output = new(4096);
    private LogEvent _event = null!;

    [GlobalSetup]
    public void Setup()
    {
        _event = BuildRequestEvent();
        _event.AddPropertyIfAbsent(new LogEventProperty("SourceContext", new ScalarValue(Logging.RequestCategory)));
    }

    [Benchmark]
    public LogEvent BuildRequestEvent() =>
        RequestLine.Event("POST", "/api/v1/guidance", 200, TimeSpan.FromMicroseconds(31), null, "df8e5c39f088cd1e0180b59c0f5e60e7");

    [Benchmark(Baseline = true)]
    public int FormatWithTheGeneralFormatter()
    {
        _output.ResetWrittenCount();
        _formatter.FormatAnyEvent(_event, _output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int FormatRequestLine()
    {
        _output.ResetWrittenCount();
        _formatter.Format(_event, _output);
        return _output.WrittenCount;
    }
}
