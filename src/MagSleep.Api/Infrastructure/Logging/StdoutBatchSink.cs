using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace MagSleep.Api.Infrastructure.Logging;

/// <summary>
/// Writes each batch Serilog's batching hands over to stdout in one write. Hand-written because Serilog's console
/// sink writes and flushes every event, a system call per request line.
/// </summary>
internal sealed class StdoutBatchSink(ITextFormatter formatter, Stream output) : IBatchedLogEventSink, IDisposable
{
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        foreach (var logEvent in batch)
        {
            formatter.Format(logEvent, _writer);
        }

        _writer.Flush();
        return Task.CompletedTask;
    }

    public void Dispose() => _writer.Dispose();
}
