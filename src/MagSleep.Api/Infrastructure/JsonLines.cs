using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Json;
using Serilog.Parsing;

namespace MagSleep.Api.Infrastructure;

/// <summary>
/// One compact JSON object per line: time, level, category, the message with its values in place, then the
/// message's own properties and TraceId. Framework scope properties (request id, path, connection id) are left
/// out: the route and trace id identify a request, and a line stays small enough to write at full load.
/// </summary>
internal sealed class JsonLineFormatter : ITextFormatter
{
    private static readonly JsonValueFormatter Values = new(typeTagName: null);
    private static readonly HashSet<string> Omitted = ["SourceContext", "EventId", "RequestId", "RequestPath", "ConnectionId", "SpanId", "ParentId"];

    public void Format(LogEvent logEvent, TextWriter output)
    {
        output.Write("{\"time\":\"");
        output.Write(logEvent.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
        output.Write("\",\"level\":\"");
        output.Write(logEvent.Level.ToString());
        output.Write('"');
        if (logEvent.Properties.TryGetValue("SourceContext", out var category))
        {
            output.Write(",\"category\":");
            Values.Format(category, output);
        }

        output.Write(",\"message\":");
        JsonValueFormatter.WriteQuotedJsonString(RenderMessage(logEvent), output);
        foreach (var (name, value) in logEvent.Properties)
        {
            if (Omitted.Contains(name))
            {
                continue;
            }

            output.Write(',');
            JsonValueFormatter.WriteQuotedJsonString(name, output);
            output.Write(':');
            Values.Format(value, output);
        }

        if (logEvent.Exception is not null)
        {
            output.Write(",\"exception\":");
            JsonValueFormatter.WriteQuotedJsonString(logEvent.Exception.ToString(), output);
        }

        output.Write("}\n");
    }

    /// <summary>Strings appear as they are, not quoted as Serilog's default rendering would.</summary>
    private static string RenderMessage(LogEvent logEvent)
    {
        var message = new StringWriter(new StringBuilder(128), CultureInfo.InvariantCulture);
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property
                && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string text })
            {
                message.Write(text);
            }
            else
            {
                token.Render(logEvent.Properties, message, CultureInfo.InvariantCulture);
            }
        }

        return message.ToString();
    }
}

/// <summary>
/// Writes formatted lines to stdout through one buffer and flushes on a short timer, so a busy service makes
/// one write call per batch rather than one per line. Warnings and worse are flushed at once, so a failing
/// start-up's last line is never left in the buffer.
/// </summary>
internal sealed class BufferedStdoutSink : ILogEventSink, IDisposable
{
    private readonly ITextFormatter _formatter;
    private readonly StreamWriter _output;
    private readonly Timer _flusher;
    private readonly Lock _gate = new();

    public BufferedStdoutSink(ITextFormatter formatter, Stream output, TimeSpan flushInterval)
    {
        _formatter = formatter;
        _output = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024) { AutoFlush = false };
        _flusher = new Timer(_ => Flush(), null, flushInterval, flushInterval);
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            _formatter.Format(logEvent, _output);
            if (logEvent.Level >= LogEventLevel.Warning)
            {
                _output.Flush();
            }
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            _output.Flush();
        }
    }

    public void Dispose()
    {
        _flusher.Dispose();
        lock (_gate)
        {
            _output.Dispose();
        }
    }
}
