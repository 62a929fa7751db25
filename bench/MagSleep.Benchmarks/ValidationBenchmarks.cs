using BenchmarkDotNet.Attributes;
using MagSleep.Api.Features.Guidance;
using MagSleep.Api.Features.Magnesium;
using MagSleep.Api.Features.Screening;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Core.Rules;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MagSleep.Benchmarks;

/// <summary>Validating the benchmark's request bodies (bench/requests) with the validators the API registers.</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private static readonly AssessmentRequest Sleep = new(50, 1, 5, 45, RacingMind: true, NightLegCramps: true);

    private readonly GuidanceRequest _guidance = new(Sleep, new ProfileRequest(42, Sex.Female), new DoseRequest(250));
    private readonly DoseCheckRequest _doseCheck = new(1500, 42, AmountBasis.Compound, "glycinate", Sex.Female, Medications: ["blood-pressure"]);
    private GuidanceRequestValidator _guidanceValidator = null!;
    private DoseCheckRequestValidator _doseCheckValidator = null!;
    private AssessmentRequestValidator _assessmentValidator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var store = new ContentStore(Options.Create(new ContentOptions { Path = ContentFolder.Find(), Watch = false }), new HostingEnvironment { ContentRootPath = AppContext.BaseDirectory }, TimeProvider.System, NullLogger<ContentStore>.Instance);
        store.Load();
        _guidanceValidator = new GuidanceRequestValidator(store);
        _doseCheckValidator = new DoseCheckRequestValidator(store);
        _assessmentValidator = new AssessmentRequestValidator(store);
    }

    [Benchmark]
    public bool GuidanceRequestValidation() => _guidanceValidator.Validate(_guidance).IsValid;

    [Benchmark]
    public bool DoseCheckRequestValidation() => _doseCheckValidator.Validate(_doseCheck).IsValid;

    [Benchmark]
    public bool AssessmentRequestValidation() => _assessmentValidator.Validate(Sleep).IsValid;
}
