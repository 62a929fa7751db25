using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace MagSleep.Api.Infrastructure.Logging;

/// <summary>
/// Writes each batch Serilog's batching hands over to stdout in one write. Hand-written because Serilog's console
/// sink writes and flushes every event, a system call per request line.
/// </summary>
internal sealed class StdoutBatchSink : IBatchedLogEventSink, IDisposable
{
    private readonly ITextFormatter _formatter;
    private readonly Stream _output;
    private readonly MemoryStream _batch = new();
    private readonly StreamWriter _writer;

    public StdoutBatchSink(ITextFormatter formatter, Stream output)
    {
        _formatter = formatter;
        _output = output;
        _writer = new StreamWriter(_batch, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
    }

    /// <summary>
    /// Formatted apart from the output, so a batch Serilog retries after a failed write is not sent twice, and the
    /// text of a batch whose formatting failed is not sent with the next one. A write that fails partway can still
    /// leave its first part on stdout; that part is sent again with the retry.
    /// </summary>
    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        _writer.Flush();
        _batch.SetLength(0);
        foreach (var logEvent in batch)
        {
            _formatter.Format(logEvent, _writer);
        }

        _writer.Flush();
        _output.Write(_batch.GetBuffer(), 0, (int)_batch.Length);
        _output.Flush();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _output.Flush();
    }
}
