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
/// options the running service configures) against the two ways to the source generator's fast path, which
/// System.Text.Json takes only when the options have no encoder: a Utf8JsonWriter that carries the service's encoder
/// (the same bytes, but a result type of our own in place of TypedResults), or no encoder at all (Chinese text sent
/// as \uXXXX escapes).
/// </summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private WebApplicationFactory<Program> _api = null!;
    private JsonSerializerOptions _service = null!;
    private JsonSerializerOptions _noEncoder = null!;
    private JsonWriterOptions _serviceWriter;
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
        _api = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .UseSetting("Content:Path", ContentFolder.Find())
            .UseSetting("Serilog:MinimumLevel:Default", "Warning"));
        _service = _api.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        _noEncoder = new JsonSerializerOptions(_service) { Encoder = null };
        _serviceWriter = new JsonWriterOptions { Encoder = _service.Encoder, SkipValidation = true };

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

    [GlobalCleanup]
    public void Cleanup() => _api.Dispose();

    [Benchmark(Baseline = true)]
    public Task ServiceOptions() => Write(_service);

    [Benchmark]
    public async Task FastPathSameBytes()
    {
        using (var writer = new Utf8JsonWriter(_body, _serviceWriter))
        {
            JsonSerializer.Serialize(writer, _answer, _noEncoder.GetTypeInfo(_type));
        }

        await _body.FlushAsync();
    }

    [Benchmark]
    public Task WithoutEncoder() => Write(_noEncoder);

    private async Task Write(JsonSerializerOptions options)
    {
        await JsonSerializer.SerializeAsync(_body, _answer, options.GetTypeInfo(_type));
        await _body.FlushAsync();
    }
}
