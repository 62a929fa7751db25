using System.IO.Pipelines;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MagSleep.Core.Rules;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MagSleep.Benchmarks;

/// <summary>
/// Writing a POST answer as <c>TypedResults.Ok</c> does (System.Text.Json into the response's PipeWriter, with the
/// options the running service configures) against the source generator's fast path, which System.Text.Json takes
/// only when the options have no encoder: through a Utf8JsonWriter that carries the service's encoder (the same
/// bytes, but a result type of our own in place of TypedResults), and with no encoder at all (Chinese text sent as
/// \uXXXX escapes), both as TypedResults would write it and through a Utf8JsonWriter. The first differs from the
/// last because SerializeAsync takes the fast path only once a type's answers have stayed small (at most 8 KB, ten
/// times running), and a guidance plan in Chinese is larger.
/// </summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private JsonSerializerOptions _service = null!;
    private JsonSerializerOptions _noEncoder = null!;
    private JsonWriterOptions _serviceWriter;
    private JsonWriterOptions _noEncoderWriter;
    private object _answer = null!;
    private Type _type = null!;
    private PipeWriter _body = null!;

    [Params("assessment", "dose-check", "guidance")]
    public string Answer { get; set; } = "";

    [Params("en", "zh-CN")]
    public string Language { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        // The host only lends its options; disposed at once, it does not poll the content folder while timing.
        using (var factory = new WebApplicationFactory<Program>())
        using (var api = factory.WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .UseSetting("Content:Path", ContentFolder.Find())
            .UseSetting("Serilog:MinimumLevel:Default", "Warning")
            .UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning")))
        {
            _service = api.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        }

        _noEncoder = new JsonSerializerOptions(_service) { Encoder = null };
        _noEncoder.MakeReadOnly(populateMissingResolver: true);
        _serviceWriter = new JsonWriterOptions { Encoder = _service.Encoder, MaxDepth = _service.MaxDepth, SkipValidation = true };
        _noEncoderWriter = new JsonWriterOptions { MaxDepth = _service.MaxDepth, SkipValidation = true };

        var engine = RulesEngine.Load(Path.Combine(ContentFolder.Find(), "rules"));
        var sleep = new SleepAnswers(45, 2, 4, 60, UnrefreshingSleep: true, DaytimeImpact: true, RacingMind: true, UnderStress: true);
        var adult = new PersonProfile(40, Sex.Female);
        var withRisks = new PersonProfile(70, Sex.Male, Medications: ["antibiotics", "diuretics"], Conditions: ["diabetes"]);
        (_answer, _type) = Answer switch
        {
            "assessment" => ((object)engine.Assess(sleep, Language), typeof(AssessmentResult)),
            "dose-check" => (engine.CheckDose(withRisks, new DoseAmount(2500, AmountBasis.Compound, "glycinate"), Language), typeof(DoseCheckResult)),
            _ => (engine.Guide(sleep, adult, new DoseAmount(300), Language), typeof(GuidanceResult)),
        };
        if (!JsonSerializer.SerializeToUtf8Bytes(_answer, _service.GetTypeInfo(_type)).AsSpan().SequenceEqual(FastPathBytes()))
        {
            throw new InvalidOperationException("The fast path through the service's encoder wrote other bytes than the service does.");
        }

        _body = PipeWriter.Create(Stream.Null);
    }

    private byte[] FastPathBytes()
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, _serviceWriter))
        {
            JsonSerializer.Serialize(writer, _answer, _noEncoder.GetTypeInfo(_type));
        }

        return buffer.ToArray();
    }

    [Benchmark(Baseline = true)]
    public Task ServiceOptions() => Write(_service);

    [Benchmark]
    public Task FastPathSameBytes() => WriteFastPath(_serviceWriter);

    [Benchmark]
    public Task WithoutEncoder() => Write(_noEncoder);

    [Benchmark]
    public Task WithoutEncoderFastPath() => WriteFastPath(_noEncoderWriter);

    // SerializeAsync into a PipeWriter flushes it itself.
    private Task Write(JsonSerializerOptions options) =>
        JsonSerializer.SerializeAsync(_body, _answer, options.GetTypeInfo(_type));

    private async Task WriteFastPath(JsonWriterOptions writerOptions)
    {
        using (var writer = new Utf8JsonWriter(_body, writerOptions))
        {
            JsonSerializer.Serialize(writer, _answer, _noEncoder.GetTypeInfo(_type));
        }

        await _body.FlushAsync();
    }
}
