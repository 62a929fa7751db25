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

    private static readonly Gen<string> AnyText = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(t => t ?? ""),
        Gen.Elements("<b>", "a & b", "\"quoted\"", "镁与睡眠", "it's", "\u2028", "😴", "\0", "line\nbreak", "😴\n😴", "a\uD800b", "\uDE34😴\uD83D"));

    private static readonly Gen<(SearchSection Section, string Text)> MadeUpSections =
        from slug in AnyText
        from title in AnyText
        from section in AnyText
        from heading in AnyText
        from body in AnyText
        select (new SearchSection(slug, title, section, heading), body);

    /// <summary>A snippet cut anywhere from the text, between the halves of a surrogate pair too.</summary>
    private static Gen<RankedSection> HitsIn(Gen<(SearchSection Section, string Text)> sections) =>
        from section in sections
        from start in Gen.Choose(0, section.Text.Length)
        from length in Gen.Choose(0, Math.Min(2 * ArticleSearch.SnippetRadius, section.Text.Length - start))
        from cutBefore in ArbMap.Default.GeneratorFor<bool>()
        from cutAfter in ArbMap.Default.GeneratorFor<bool>()
        select new RankedSection(section.Section, new SnippetRange(section.Text, start, length, cutBefore, cutAfter), 1);

    private static void AssertSearchAnswerAsTheGeneralSerializerWritesIt(SearchJson writer, IReadOnlyList<RankedSection> hits)
    {
        var response = new ItemsResponse<SearchResult>([.. hits.Select(h => new SearchResult(h.Section.Slug, h.Section.ArticleTitle, h.Section.SectionId, h.Section.Heading, h.Snippet.ToString()))]);
        using var written = writer.Write(hits);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(response, ApiJson.Options), written.WrittenSpan.ToArray());
    }

    /// <summary>
    /// Sections of the real content (encoded once) and made-up ones (encoded in place) alike, with snippets cut
    /// anywhere from their own text or from any other.
    /// </summary>
    [Fact]
    public void SearchResultsAreWrittenAsTheGeneralSerializerWouldWriteThem()
    {
        var search = ContentSnapshot.Load(TestContent.RealContentDirectory).Search;
        var writer = new SearchJson(search.SectionTexts);
        var real = Gen.Elements(search.SectionTexts.ToArray());
        var source = Gen.OneOf(real, real, MadeUpSections, from section in real from other in AnyText select (section.Section, Text: other));
        Check.One(Many, Prop.ForAll(HitsIn(source).ListOf().ToArbitrary(), hits => AssertSearchAnswerAsTheGeneralSerializerWritesIt(writer, [.. hits])));
    }

    /// <summary>
    /// Encoded once, texts with emoji, line breaks, characters JSON escapes and lone surrogates: a snippet that would
    /// split a pair, or a text that cannot be sliced, is encoded in place and comes out the same.
    /// </summary>
    [Fact]
    public void SearchResultsFromAnyEncodedTextAreWrittenAsTheGeneralSerializerWouldWriteThem()
    {
        var answers = from sections in MadeUpSections.NonEmptyListOf()
                      from hits in HitsIn(Gen.Elements(sections.ToArray())).ListOf()
                      select (sections, hits);
        Check.One(Many, Prop.ForAll(answers.ToArbitrary(), answer =>
            AssertSearchAnswerAsTheGeneralSerializerWritesIt(new SearchJson(answer.sections), [.. answer.hits])));
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
