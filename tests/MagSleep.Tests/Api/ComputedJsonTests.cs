using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FsCheck;
using FsCheck.Fluent;
using MagSleep.Api.Features.Articles;
using MagSleep.Api.Features.Search;
using MagSleep.Api.Infrastructure;
using MagSleep.Core.Content;
using MagSleep.Core.Rules;
using MagSleep.Tests.Rules;
using static MagSleep.Tests.Rules.RuleInputs;

namespace MagSleep.Tests.Api;

/// <summary>
/// Computed answers are written by hand-made writers that copy the rule set's parts as bytes rendered once. These
/// prove the bytes are exactly what the API's general serializer settings give, over generated answers in both
/// languages, whether the parts were rendered or not.
/// </summary>
public sealed class ComputedJsonTests
{
    private static readonly RulesEngine Engine = RuleSetFiles.Engine;
    private static readonly AnswerParts Parts = new(Engine);

    // Parts rendered from another load of the same files: equal content, other objects, so every lookup misses and
    // each part is serialized in place.
    private static readonly AnswerParts NoneRendered = new(RulesEngine.Load(RuleSetFiles.Directory));

    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static void AssertSameBytesAsTheGeneralSerializer<T>(T value)
    {
        var expected = JsonSerializer.Serialize(value, ApiJson.Options);
        foreach (var parts in new[] { Parts, NoneRendered })
        {
            using var buffer = ComputedJson<T>.Serialize(value, parts);
            Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    private static readonly Gen<(SleepAnswers Sleep, PersonProfile Profile, DoseAmount? Dose, string Language)> GuidanceRequests =
        from sleep in SleepGen
        from profile in ProfileGen
        from dose in Gen.Frequency((1, Gen.Constant<DoseAmount?>(null)), (2, DoseGen.Select(d => (DoseAmount?)d)))
        from language in LanguageGen
        select (sleep, profile, dose, language);

    [Fact]
    public void AssessmentsAreWrittenAsTheGeneralSerializerWouldWriteThem() =>
        Check.One(Many, Prop.ForAll((from sleep in SleepGen from language in LanguageGen select (sleep, language)).ToArbitrary(),
            request => AssertSameBytesAsTheGeneralSerializer(Engine.Assess(request.sleep, request.language))));

    [Fact]
    public void DoseChecksAreWrittenAsTheGeneralSerializerWouldWriteThem() =>
        Check.One(Many, Prop.ForAll((from profile in ProfileGen from dose in DoseGen from language in LanguageGen select (profile, dose, language)).ToArbitrary(),
            request => AssertSameBytesAsTheGeneralSerializer(Engine.CheckDose(request.profile, request.dose, request.language))));

    [Fact]
    public void GuidancePlansAreWrittenAsTheGeneralSerializerWouldWriteThem() =>
        Check.One(Many, Prop.ForAll(GuidanceRequests.ToArbitrary(),
            request => AssertSameBytesAsTheGeneralSerializer(Engine.Guide(request.Sleep, request.Profile, request.Dose, request.Language))));

    /// <summary>Everything an answer takes from the rule set is rendered up front; only what the request decided is written per request.</summary>
    [Fact]
    public void EveryPartAnAnswerTakesFromTheRuleSetIsRenderedOnce() =>
        Check.One(Many, Prop.ForAll(GuidanceRequests.ToArbitrary(), request =>
        {
            var plan = Engine.Guide(request.Sleep, request.Profile, request.Dose, request.Language);
            var dose = Engine.CheckDose(request.Profile, request.Dose ?? new DoseAmount(250), request.Language);
            object?[] taken =
            [
                plan.Assessment.Summary, .. plan.Assessment.Criteria.Select(c => c.Threshold), .. plan.Assessment.Pathways, .. plan.Assessment.Notes,
                .. plan.Safety.Findings, .. plan.Safety.Conflicts, .. plan.Plan.RecommendedForms, plan.Plan.DailyRangeMg,
                .. plan.Plan.ClinicianReferral?.Bring ?? [], plan.Plan.TryForWeeks, plan.Plan.PairWith, plan.Plan.LifestyleFirst,
                plan.Plan.FoodSources, plan.Plan.Evidence,
                dose.Tier, dose.SupplementUpperLimit, dose.Rda, .. dose.Findings, .. dose.Conflicts,
                plan.Disclaimer, plan.RuleSetVersion, plan.Assessment.DurationCategory, plan.Safety.Dose?.Tier,
                .. plan.Assessment.Criteria.SelectMany(c => new[] { c.Id, c.Label, c.Source, c.Observed.Unit }),
            ];
            Assert.All(taken.OfType<object>(), part => Assert.True(Parts.Contains(part), $"{part} is not rendered"));
        }));

    /// <summary>Observations of what the person reported are theirs: only the shared yes/no ones may be rendered.</summary>
    [Fact]
    public void NothingARequestDecidedIsRendered() =>
        Check.One(Many, Prop.ForAll(GuidanceRequests.ToArbitrary(), request =>
        {
            var plan = Engine.Guide(request.Sleep, request.Profile, request.Dose, request.Language);
            object?[] built =
            [
                plan, plan.Assessment, plan.Safety, plan.Plan, plan.Safety.Dose, plan.Plan.ClinicianReferral, plan.Safety.Findings,
                plan.Assessment.Criteria, .. plan.Assessment.Criteria,
                .. plan.Assessment.Criteria.Where(c => c.Observed.Value is not bool).SelectMany(c => new object[] { c.Observed, c.Observed.Text }),
            ];
            Assert.All(built.OfType<object>(), part => Assert.False(Parts.Contains(part), $"{part} is rendered"));
        }));

    /// <summary>
    /// Sections of the real content (encoded once) and made-up ones (encoded in place) alike, with snippets cut
    /// anywhere from their own text or from any other.
    /// </summary>
    [Fact]
    public void SearchResultsAreWrittenAsTheGeneralSerializerWouldWriteThem()
    {
        var search = ContentSnapshot.Load(TestContent.RealContentDirectory).Search;
        var writer = new SearchJson(search);
        var text = Gen.OneOf(ArbMap.Default.GeneratorFor<string>().Select(t => t ?? ""), Gen.Elements("<b>", "a & b", "\"quoted\"", "镁与睡眠", "it's", "\u2028", "😴", "\0", "line\nbreak", "😴\n😴"));
        var madeUp = from slug in text
                     from title in text
                     from section in text
                     from heading in text
                     from body in text
                     select (Section: new SearchSection(slug, title, section, heading), Text: body);
        var real = Gen.Elements(search.SectionTexts.ToArray());
        var source = Gen.OneOf(real, real, madeUp, from section in real from other in text select (section.Section, Text: other));
        var hit = from section in source
                  from start in Gen.Choose(0, section.Text.Length)
                  from length in Gen.Choose(0, Math.Min(2 * ArticleSearch.SnippetRadius, section.Text.Length - start))
                  from cutBefore in ArbMap.Default.GeneratorFor<bool>()
                  from cutAfter in ArbMap.Default.GeneratorFor<bool>()
                  select new RankedSection(section.Section, new SnippetRange(section.Text, start, length, cutBefore, cutAfter), 1);
        Check.One(Many, Prop.ForAll(hit.ListOf().ToArbitrary(), hits =>
        {
            var response = new ItemsResponse<SearchResult>([.. hits.Select(h => new SearchResult(h.Section.Slug, h.Section.ArticleTitle, h.Section.SectionId, h.Section.Heading, h.Snippet.ToString()))]);
            using var written = writer.Write([.. hits]);
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(response, ApiJson.Options), written.WrittenSpan.ToArray());
        }));
    }

    [Fact]
    public void ContentRenderedOnceIsWrittenAsTheGeneralSerializerWouldWriteIt()
    {
        var rules = RuleSetFiles.Engine;
        foreach (var language in new[] { "en", "zh-CN" })
        {
            var forms = new ItemsResponse<FormView>(rules.Forms(language));
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(forms, ApiJson.Options), RenderedJson.From(forms).Body);
        }
    }

    [Fact]
    public void ChineseTextIsWrittenAsCharactersAndHtmlSensitiveOnesAreEscaped()
    {
        var plan = Engine.Guide(new SleepAnswers(45, 2, 4, 60, true, true, true), new PersonProfile(42, Sex.Female), new DoseAmount(900), "zh-CN");

        using var buffer = ComputedJson<GuidanceResult>.Serialize(plan, Parts);
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);

        Assert.Contains(plan.Disclaimer, json);
        Assert.DoesNotContain("\\u4E", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<", json);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(16, 10_000)]
    [InlineData(4096, 4096)]
    [InlineData(4096, 100_000)]
    public void ThePooledBufferGrowsWithoutLosingWhatWasWritten(int initialSize, int length)
    {
        var text = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + i % 26)));
        using var buffer = new PooledBuffer(initialSize);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(text);
        }

        Assert.Equal(length + 2, buffer.WrittenCount);
        Assert.Equal(text, JsonSerializer.Deserialize<string>(buffer.WrittenSpan));
    }

    [Theory]
    [InlineData(typeof(AssessmentResult))]
    [InlineData(typeof(DoseCheckResult))]
    [InlineData(typeof(GuidanceResult))]
    public void EveryComputedAnswerHasAGeneratedWriter(Type answer)
    {
        var info = ComputedJsonContext.Default.GetTypeInfo(answer);

        Assert.NotNull(info);
        Assert.NotNull(info.GetType().GetProperty(nameof(JsonTypeInfo<int>.SerializeHandler))!.GetValue(info));
    }
}
