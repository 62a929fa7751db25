using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting.Json;
using Serilog.Parsing;

namespace MagSleep.Api.Infrastructure;

/// <summary>
/// One compact JSON object per line: time, level, category, the message with its values in place, then the
/// message's own properties and TraceId. Framework scope properties (request id, path, connection id) are left
/// out: the route and trace id identify a request, and a line stays small enough to write at full load.
/// Written straight to UTF-8 with reused buffers, because at full load one line is written per request.
/// Not thread-safe: <see cref="BufferedStdoutSink"/> calls it under its lock.
/// </summary>
internal sealed class JsonLineFormatter
{
    private static readonly JsonValueFormatter NestedValues = new(typeTagName: null);
    private static readonly FrozenSet<string> Omitted = FrozenSet.Create(StringComparer.Ordinal, "SourceContext", "EventId", "RequestId", "RequestPath", "ConnectionId", "SpanId", "ParentId");
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
    private static readonly JsonEncodedText Category = JsonEncodedText.Encode("category");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText Exception = JsonEncodedText.Encode("exception");
    private static readonly JsonEncodedText[] LevelNames = [.. Enum.GetNames<LogEventLevel>().Select(name => JsonEncodedText.Encode(name))];

    // Log lines are read by people and collectors, never embedded in HTML: only quotes, backslashes and control characters need escaping.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly Dictionary<string, JsonEncodedText?> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonEncodedText?> _namesByReference = new(ReferenceEqualityComparer.Instance);
    private readonly StringBuilder _message = new(256);
    private Utf8JsonWriter? _json;
    private readonly StringWriter _messageWriter;
    private readonly ArrayBufferWriter<byte> _messageBytes = new(512);

    public JsonLineFormatter() => _messageWriter = new StringWriter(_message, CultureInfo.InvariantCulture);

    /// <summary>Appends the event as one line, newline included.</summary>
    public void Format(LogEvent logEvent, IBufferWriter<byte> output)
    {
        if (!RequestLine.TryWriteJson(logEvent, output))
        {
            FormatAnyEvent(logEvent, output);
        }
    }

    /// <summary>The general path, which <see cref="RequestLine.TryWriteJson"/> must match byte for byte.</summary>
    public void FormatAnyEvent(LogEvent logEvent, IBufferWriter<byte> output)
    {
        if (_json is null)
        {
            _json = new Utf8JsonWriter(output, WriterOptions);
        }
        else
        {
            _json.Reset(output);
        }

        Write(logEvent, _json);
        _json.Flush();
        output.Write("\n"u8);
    }

    private void Write(LogEvent logEvent, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        Span<byte> time = stackalloc byte[40];
        logEvent.Timestamp.UtcDateTime.TryFormat(time, out var timeLength, "O", CultureInfo.InvariantCulture);
        json.WriteString(Time, time[..timeLength]);
        json.WriteString(Level, LevelNames[(int)logEvent.Level]);
        if (logEvent.Properties.TryGetValue("SourceContext", out var category) && category is ScalarValue { Value: string categoryName })
        {
            json.WriteString(Category, categoryName);
        }

        json.WriteString(Message, RenderMessage(logEvent));
        // Serilog keeps properties in a Dictionary: enumerated as one, the enumerator is not boxed on every line.
        if (logEvent.Properties is Dictionary<string, LogEventPropertyValue> properties)
        {
            foreach (var (name, value) in properties)
            {
                WriteProperty(name, value, json);
            }
        }
        else
        {
            foreach (var (name, value) in logEvent.Properties)
            {
                WriteProperty(name, value, json);
            }
        }

        if (logEvent.Exception is not null)
        {
            json.WriteString(Exception, logEvent.Exception.ToString());
        }

        json.WriteEndObject();
    }

    private void WriteProperty(string name, LogEventPropertyValue value, Utf8JsonWriter json)
    {
        if (PropertyName(name) is { } encoded)
        {
            json.WritePropertyName(encoded);
            WriteValue(value, json);
        }
    }

    /// <summary>
    /// Property names come from message templates in code, so there are few: each is checked and encoded once.
    /// Null for a name that is left out. The cap only guards against a template built from data. A name is
    /// nearly always the very string seen before (a literal, or the template's own), so it is looked for by
    /// reference first, which needs no hashing of its characters.
    /// </summary>
    private JsonEncodedText? PropertyName(string name)
    {
        if (_namesByReference.TryGetValue(name, out var encoded))
        {
            return encoded;
        }

        if (_names.TryGetValue(name, out encoded))
        {
            if (_namesByReference.Count < 512)
            {
                _namesByReference[name] = encoded;
            }

            return encoded;
        }

        encoded = Omitted.Contains(name) ? null : JsonEncodedText.Encode(name, WriterOptions.Encoder);
        if (_names.Count < 512)
        {
            _names[name] = encoded;
            _namesByReference[name] = encoded;
        }

        return encoded;
    }

    private static void WriteValue(LogEventPropertyValue value, Utf8JsonWriter json)
    {
        if (value is not ScalarValue scalar)
        {
            var nested = new StringWriter(CultureInfo.InvariantCulture);
            NestedValues.Format(value, nested);
            json.WriteRawValue(nested.ToString(), skipInputValidation: true);
            return;
        }

        switch (scalar.Value)
        {
            case null: json.WriteNullValue(); break;
            case string text: json.WriteStringValue(text); break;
            case bool flag: json.WriteBooleanValue(flag); break;
            case int number: json.WriteNumberValue(number); break;
            case long number: json.WriteNumberValue(number); break;
            case double number when double.IsFinite(number): json.WriteNumberValue(number); break;
            case decimal number: json.WriteNumberValue(number); break;
            case DateTimeOffset moment: json.WriteStringValue(moment); break;
            case DateTime moment: json.WriteStringValue(moment); break;
            case IFormattable formattable: json.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture)); break;
            default: json.WriteStringValue(scalar.Value.ToString()); break;
        }
    }

    /// <summary>
    /// The message with its values in place, as UTF-8: the writer then only checks it for escaping. Strings appear as
    /// they are, not quoted as Serilog's default rendering would.
    /// </summary>
    private ReadOnlySpan<byte> RenderMessage(LogEvent logEvent)
    {
        _messageBytes.ResetWrittenCount();
        // Serilog keeps a template's tokens in an array: enumerated as one, the enumerator is not boxed on every line.
        var tokens = logEvent.MessageTemplate.Tokens as MessageTemplateToken[] ?? [.. logEvent.MessageTemplate.Tokens];
        foreach (var token in tokens)
        {
            if (token is TextToken text)
            {
                AppendUtf8(text.Text);
                continue;
            }

            if (token is PropertyToken { Alignment: null } property
                && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue scalar
                && TryAppend(scalar.Value, property.Format))
            {
                continue;
            }

            _message.Clear();
            token.Render(logEvent.Properties, _messageWriter, CultureInfo.InvariantCulture);
            foreach (var chunk in _message.GetChunks())
            {
                AppendUtf8(chunk.Span);
            }
        }

        return _messageBytes.WrittenSpan;
    }

    private void AppendUtf8(ReadOnlySpan<char> text) =>
        _messageBytes.Advance(Encoding.UTF8.GetBytes(text, _messageBytes.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));

    /// <summary>Numbers and times are formatted in place, as Serilog would format them, without a string each.</summary>
    private bool TryAppend(object? value, string? format)
    {
        switch (value)
        {
            case string text:
                AppendUtf8(text);
                return true;
            case IUtf8SpanFormattable formattable and not char:
                if (!formattable.TryFormat(_messageBytes.GetSpan(128), out var written, format, CultureInfo.InvariantCulture))
                {
                    return false;
                }

                _messageBytes.Advance(written);
                return true;
            case ISpanFormattable formattable and not char:
                Span<char> formatted = stackalloc char[64];
                if (!formattable.TryFormat(formatted, out var length, format, CultureInfo.InvariantCulture))
                {
                    return false;
                }

                AppendUtf8(formatted[..length]);
                return true;
            default:
                return false;
        }
    }
}

/// <summary>
/// Formats each event on the caller's thread into one shared buffer, and writes the buffer to stdout when it
/// fills or on a short timer: a busy service makes one write call per batch, not one per line, and needs no
/// queue, worker thread or wake-up per line. Warnings and worse are written at once, so a failing start-up's
/// last line is never left in the buffer. If stdout stalls, callers wait: a line is never dropped.
/// </summary>
internal sealed class BufferedStdoutSink : ILogEventSink, IDisposable
{
    private const int FlushAtBytes = 64 * 1024;

    private readonly JsonLineFormatter _formatter = new();
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushAtBytes + 4096);
    private readonly Stream _output;
    private readonly Timer _flusher;
    private readonly Lock _gate = new();
    private bool _disposed;

    public BufferedStdoutSink(Stream output, TimeSpan flushInterval)
    {
        _output = output;
        _flusher = new Timer(_ => Flush(), null, flushInterval, flushInterval);
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            // Formatted apart first, so a value whose formatting throws cannot leave half a line in the buffer.
            _line.ResetWrittenCount();
            _formatter.Format(logEvent, _line);
            _buffer.Write(_line.WrittenSpan);
            if (logEvent.Level >= LogEventLevel.Warning || _buffer.WrittenCount >= FlushAtBytes)
            {
                WriteBuffered();
            }
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                WriteBuffered();
            }
        }
    }

    public void Dispose()
    {
        _flusher.Dispose();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            WriteBuffered();
            _disposed = true;
            _output.Dispose();
        }
    }

    /// <summary>
    /// A failed write (a full disk, a closed pipe) must not stop the service: on the timer it would end the process,
    /// and kept for a retry the lines would grow without bound and be written twice in part. They are dropped and
    /// the failure is told to Serilog's SelfLog; the next lines are written as soon as the output takes them again.
    /// </summary>
    private void WriteBuffered()
    {
        if (_buffer.WrittenCount == 0)
        {
            return;
        }

        try
        {
            _output.Write(_buffer.WrittenSpan);
            _output.Flush();
        }
        catch (Exception failure)
        {
            SelfLog.WriteLine("Log lines ({0} bytes) could not be written to stdout and were dropped: {1}", _buffer.WrittenCount, failure.Message);
        }
        finally
        {
            _buffer.ResetWrittenCount();
        }
    }
}
