using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace MagSleep.Api.Infrastructure;

/// <summary>
/// The one line logged per request, as a Serilog event every sink receives, and its JSON written straight from
/// parts encoded once. At full load a line is written per request, and the general formatter spent most of its time
/// looking properties up by name, rendering the message and checking each value for escaping again.
/// </summary>
internal static class RequestLine
{
    // The trace id is a property but not part of the sentence: it is 32 characters nobody reads, and the message
    // would only repeat it in every line a busy service writes.
    public static readonly MessageTemplate Template = new MessageTemplateParser().Parse("HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs} ms for {Caller}");

    // The order the event is built in, and so the order its properties are enumerated and written.
    private const string Method = "Method", Route = "Route", StatusCode = "StatusCode", ElapsedMs = "ElapsedMs", Caller = "Caller", TraceId = "TraceId";
    private static readonly string[] Names = [Method, Route, StatusCode, ElapsedMs, Caller, TraceId];

    private static readonly LogEventProperty Anonymous = new(Caller, new ScalarValue("anonymous"));
    private static readonly LogEventProperty NoRoute = new(Route, new ScalarValue("(no route)"));
    private static readonly LogEventProperty?[] Statuses = new LogEventProperty?[600];

    // Methods, routes and partners are few and come from code or configuration; the cap only guards against surprises.
    private const int Cached = 256;
    private static readonly ConcurrentDictionary<string, LogEventProperty> Methods = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, LogEventProperty> Routes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, LogEventProperty> Partners = new(StringComparer.Ordinal);

    /// <summary>The event for one request. Values that repeat across requests share one property object.</summary>
    public static LogEvent Event(string method, string? route, int statusCode, TimeSpan elapsed, string? partner, string traceId) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, Template,
        [
            Shared(Methods, Method, method),
            route is null ? NoRoute : Shared(Routes, Route, route),
            Status(statusCode),
            new LogEventProperty(ElapsedMs, new ScalarValue(Math.Round(elapsed.TotalMilliseconds, 2))),
            partner is null ? Anonymous : Shared(Partners, Caller, partner),
            new LogEventProperty(TraceId, new ScalarValue(traceId)),
        ]);

    private static LogEventProperty Shared(ConcurrentDictionary<string, LogEventProperty> cache, string name, string value)
    {
        if (cache.TryGetValue(value, out var property))
        {
            return property;
        }

        property = new LogEventProperty(name, new ScalarValue(value));
        return cache.Count < Cached ? cache.GetOrAdd(value, property) : property;
    }

    private static LogEventProperty Status(int statusCode)
    {
        if ((uint)statusCode >= (uint)Statuses.Length)
        {
            return new LogEventProperty(StatusCode, new ScalarValue(statusCode));
        }

        return Statuses[statusCode] ??= new LogEventProperty(StatusCode, new ScalarValue(statusCode));
    }

    // The line's fixed parts as UTF-8, and the message's text between its values, checked once to need no escaping.
    private static readonly byte[] TimeStart = "{\"time\":\""u8.ToArray();
    private static readonly byte[] LevelStart = "\",\"level\":\""u8.ToArray();
    private static readonly byte[] CategoryStart = "\",\"category\":\""u8.ToArray();
    private static readonly byte[] MessageStart = "\",\"message\":\""u8.ToArray();
    private static readonly byte[][] LevelNames = [.. Enum.GetNames<LogEventLevel>().Select(Encoding.UTF8.GetBytes)];
    private static readonly (byte[] Text, int Value)[] MessageParts = Parts();
    private static readonly byte[][] PropertyStarts = [.. Names.Select((name, i) => Encoding.UTF8.GetBytes($"{(i == 0 ? "\"," : ",")}\"{name}\":"))];

    /// <summary>Longest line the fast path writes; anything longer goes to the general formatter.</summary>
    private const int MaxLength = 2048;

    /// <summary>
    /// Writes the same bytes as <see cref="JsonLineFormatter"/> would for this event, or nothing and false when the
    /// event is not a plain request line: an exception, a property a configured enricher added, a value outside
    /// printable ASCII or one that needs escaping. The general formatter then writes it.
    /// </summary>
    public static bool TryWriteJson(LogEvent logEvent, IBufferWriter<byte> output)
    {
        if (!ReferenceEquals(logEvent.MessageTemplate, Template) || logEvent.Exception is not null
            || logEvent.Properties is not Dictionary<string, LogEventPropertyValue> properties)
        {
            return false;
        }

        var values = new Values();
        string? category = null;
        var index = 0;
        foreach (var (name, value) in properties)
        {
            if (value is not ScalarValue scalar)
            {
                return false;
            }

            if (index < Names.Length && string.Equals(name, Names[index], StringComparison.Ordinal))
            {
                values[index++] = scalar.Value;
            }
            else if (index == Names.Length && category is null && string.Equals(name, Constants.SourceContextPropertyName, StringComparison.Ordinal) && scalar.Value is string context)
            {
                category = context;
            }
            else
            {
                return false;
            }
        }

        if (index != Names.Length)
        {
            return false;
        }

        var span = output.GetSpan(MaxLength);
        var line = new LineWriter(span);
        line.Raw(TimeStart);
        line.Time(logEvent.Timestamp.UtcDateTime);
        line.Raw(LevelStart);
        line.Raw(LevelNames[(int)logEvent.Level]);
        if (category is not null)
        {
            line.Raw(CategoryStart);
            line.Text(category);
        }

        line.Raw(MessageStart);
        foreach (var (text, value) in MessageParts)
        {
            line.Raw(text);
            if (value >= 0)
            {
                line.Value(values[value], quoted: false);
            }
        }

        for (var i = 0; i < Names.Length; i++)
        {
            line.Raw(PropertyStarts[i]);
            line.Value(values[i], quoted: true);
        }

        line.Raw("}\n"u8);
        if (!line.Ok)
        {
            return false;
        }

        output.Advance(line.Written);
        return true;
    }

    /// <summary>The template as runs of text, each followed by the index of a value in <see cref="Names"/> (or -1 at the end).</summary>
    private static (byte[] Text, int Value)[] Parts()
    {
        var parts = new List<(byte[], int)>();
        var text = new StringBuilder();
        foreach (var token in Template.Tokens)
        {
            switch (token)
            {
                case TextToken literal:
                    text.Append(literal.Text);
                    break;
                case PropertyToken { Format: null, Alignment: null } property when Array.IndexOf(Names, property.PropertyName) is var i and >= 0:
                    parts.Add((PlainBytes(text.ToString()), i));
                    text.Clear();
                    break;
                default:
                    throw new InvalidOperationException($"The request line's template cannot hold {token}.");
            }
        }

        parts.Add((PlainBytes(text.ToString()), -1));
        return [.. parts];
    }

    private static byte[] PlainBytes(string text) => text.All(IsPlain)
        ? Encoding.ASCII.GetBytes(text)
        : throw new InvalidOperationException($"The request line's template text \"{text}\" would need escaping.");

    /// <summary>Printable ASCII that JSON strings hold as it is: the relaxed encoder escapes only quotes, backslashes and control characters here.</summary>
    private static bool IsPlain(char c) => c is >= ' ' and <= '~' and not '"' and not '\\';

    private static readonly SearchValues<char> Plain = SearchValues.Create([.. Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c).Where(IsPlain)]);

    [System.Runtime.CompilerServices.InlineArray(6)]
    private struct Values
    {
        private object? _first;
    }

    /// <summary>Writes into one span and turns <see cref="Ok"/> off, rather than throwing, when something does not fit the fast path.</summary>
    private ref struct LineWriter(Span<byte> span)
    {
        private readonly Span<byte> _span = span;

        public int Written { get; private set; }

        public bool Ok { get; private set; } = true;

        public void Raw(ReadOnlySpan<byte> bytes)
        {
            if (Ok && bytes.TryCopyTo(_span[Written..]))
            {
                Written += bytes.Length;
            }
            else
            {
                Ok = false;
            }
        }

        public void Time(DateTime utc)
        {
            if (Ok && utc.TryFormat(_span[Written..], out var length, "O", CultureInfo.InvariantCulture))
            {
                Written += length;
            }
            else
            {
                Ok = false;
            }
        }

        public void Text(string text)
        {
            if (Ok && text.AsSpan().IndexOfAnyExcept(Plain) < 0 && Ascii.FromUtf16(text, _span[Written..], out var length) == OperationStatus.Done)
            {
                Written += length;
            }
            else
            {
                Ok = false;
            }
        }

        /// <summary>A value as the general formatter writes it: text in quotes as a property and bare in the message, numbers as they are.</summary>
        public void Value(object? value, bool quoted)
        {
            if (!Ok)
            {
                return;
            }

            switch (value)
            {
                case string text when quoted:
                    Raw("\""u8);
                    Text(text);
                    Raw("\""u8);
                    break;
                case string text:
                    Text(text);
                    break;
                case int number:
                    Number(number);
                    break;
                case double number when double.IsFinite(number):
                    Number(number);
                    break;
                default:
                    Ok = false;
                    break;
            }
        }

        private void Number<T>(T number)
            where T : IUtf8SpanFormattable
        {
            if (number.TryFormat(_span[Written..], out var length, default, CultureInfo.InvariantCulture))
            {
                Written += length;
            }
            else
            {
                Ok = false;
            }
        }
    }
}
