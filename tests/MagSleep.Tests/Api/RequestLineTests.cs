using System.Buffers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using MagSleep.Api.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace MagSleep.Tests.Api;

public class RequestLineTests
{
    private static readonly Gen<string> Text = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(text => text ?? ""),
        Gen.Elements("/api/v1/articles/{slug}", "/api/v1/guidance", "北京伙伴", "a \"quoted\" name", "back\\slash", "tab\there", "~plain `ascii' <&>", "\u007f", "😴", ""));

    private static readonly Gen<(string Method, string? Route, int Status, TimeSpan Elapsed, string? Partner, string TraceId)> Requests =
        from method in Gen.OneOf(Gen.Elements("GET", "POST", "HEAD", "OPTIONS"), Text)
        from route in Gen.OneOf(Gen.Constant<string?>(null), Text.Select(text => (string?)text))
        from status in Gen.OneOf(Gen.Elements(200, 304, 400, 404, 429, 500), Gen.Choose(-5, 1200))
        from ticks in Gen.OneOf(Gen.Choose(0, 5_000_000).Select(t => (long)t), Gen.Elements(0L, 1L, TimeSpan.TicksPerDay * 400, long.MaxValue / 2))
        from partner in Gen.OneOf(Gen.Constant<string?>(null), Gen.Elements<string?>("acme-health", "clinic-42"), Text.Select(text => (string?)text))
        from trace in Gen.OneOf(Gen.Constant("4bf92f3577b34da6a3ce929d0e0e4736"), Gen.Constant("0HNA1B2C3D4E5:00000001"), Text)
        select (method, route, status, TimeSpan.FromTicks(ticks), partner, trace);

    /// <summary>The event as the logging pipeline hands it to the sink: the request category is added on the way.</summary>
    private static LogEvent Logged(LogEvent logEvent)
    {
        logEvent.AddPropertyIfAbsent(new LogEventProperty(Constants.SourceContextPropertyName, new ScalarValue(Logging.RequestCategory)));
        return logEvent;
    }

    private static byte[] General(LogEvent logEvent)
    {
        var output = new ArrayBufferWriter<byte>();
        new JsonLineFormatter().FormatAnyEvent(logEvent, output);
        return output.WrittenSpan.ToArray();
    }

    private static bool IsPlain(string? text) => text is null || text.All(c => c is >= ' ' and <= '~' and not '"' and not '\\');

    [Fact]
    public void TheFastLineIsByteForByteTheGeneralOneAndIsTakenForEveryPlainRequest()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(Requests.ToArbitrary(), request =>
        {
            var logEvent = Logged(RequestLine.Event(request.Method, request.Route, request.Status, request.Elapsed, request.Partner, request.TraceId));
            var fast = new ArrayBufferWriter<byte>();

            var taken = RequestLine.TryWriteJson(logEvent, fast);

            if (taken)
            {
                Assert.Equal(Encoding.UTF8.GetString(General(logEvent)), Encoding.UTF8.GetString(fast.WrittenSpan));
            }
            else
            {
                Assert.Equal(0, fast.WrittenCount);
            }

            Assert.Equal(IsPlain(request.Method) && IsPlain(request.Route) && IsPlain(request.Partner) && IsPlain(request.TraceId), taken);
        }));
    }

    [Fact]
    public void ValuesThatRepeatAreSharedButEveryEventCarriesItsOwnRequest()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Requests.ToArbitrary(), request =>
        {
            var properties = RequestLine.Event(request.Method, request.Route, request.Status, request.Elapsed, request.Partner, request.TraceId).Properties;

            object? Value(string name) => ((ScalarValue)properties[name]).Value;
            Assert.Equal(request.Method, Value("Method"));
            Assert.Equal(request.Route ?? "(no route)", Value("Route"));
            Assert.Equal(request.Status, Value("StatusCode"));
            Assert.Equal(Math.Round(request.Elapsed.TotalMilliseconds, 2), Value("ElapsedMs"));
            Assert.Equal(request.Partner ?? "anonymous", Value("Caller"));
            Assert.Equal(request.TraceId, Value("TraceId"));
        }));
    }

    [Fact]
    public void ALineReadsAsASentenceWithEveryValueBesideIt()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.True(RequestLine.TryWriteJson(Logged(RequestLine.Event("GET", "/api/v1/articles/{slug}", 304, TimeSpan.FromMicroseconds(51), null, "4bf92f3577b34da6a3ce929d0e0e4736")), output));

        var line = JsonDocument.Parse(output.WrittenMemory).RootElement;
        Assert.Equal("HTTP GET /api/v1/articles/{slug} responded 304 in 0.05 ms for anonymous", line.GetProperty("message").GetString());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", line.GetProperty("TraceId").GetString());
        Assert.Equal(Logging.RequestCategory, line.GetProperty("category").GetString());
        Assert.Equal(
            ["time", "level", "category", "message", "Method", "Route", "StatusCode", "ElapsedMs", "Caller", "TraceId"],
            line.EnumerateObject().Select(property => property.Name));
        Assert.EndsWith("}\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void AnythingAddedToTheEventLeavesItToTheGeneralFormatter()
    {
        var enriched = Logged(RequestLine.Event("GET", "/health/live", 200, TimeSpan.Zero, null, "trace"));
        enriched.AddPropertyIfAbsent(new LogEventProperty("MachineName", new ScalarValue("web-1")));
        var failed = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Error, new InvalidOperationException("boom"), RequestLine.Template, RequestLine.Event("GET", null, 500, TimeSpan.Zero, null, "t").Properties.Select(p => new LogEventProperty(p.Key, p.Value)));

        foreach (var logEvent in new[] { enriched, failed })
        {
            var output = new ArrayBufferWriter<byte>();
            Assert.False(RequestLine.TryWriteJson(logEvent, output));
            Assert.Equal(0, output.WrittenCount);

            new JsonLineFormatter().Format(logEvent, output);
            Assert.Equal(General(logEvent), output.WrittenSpan.ToArray());
        }

        Assert.Contains("\"MachineName\":\"web-1\"", Encoding.UTF8.GetString(General(enriched)));
        Assert.Contains("\"exception\":", Encoding.UTF8.GetString(General(failed)));
    }
}
