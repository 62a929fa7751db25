using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using MagSleep.Core.Rules;

namespace MagSleep.Tests.Rules;

public class TemplateTests
{
    /// <summary>The definition an observed number is written by; the fast path for whole numbers must not change it.</summary>
    private static string Definition(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Formatted(double value) => new ValueTemplate("{value}").Fill(value);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(45.0)]
    [InlineData(36500.0)]
    [InlineData(2.5)]
    [InlineData(0.0004)]
    [InlineData(0.9999)]
    [InlineData(-3.0)]
    [InlineData(999999999999999.0)]
    [InlineData(1e15)]
    [InlineData(1e300)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NumbersAreWrittenAsTheCustomFormatWritesThem(double value) =>
        Assert.Equal(Definition(value), Formatted(value));

    [Fact]
    public void NegativeZeroKeepsItsSign() => Assert.Equal(Definition(-0.0), Formatted(-0.0));

    [Fact]
    public void AnyNumberIsWrittenAsTheCustomFormatWritesIt()
    {
        var numbers = Gen.OneOf(
            ArbMap.Default.GeneratorFor<double>(),
            Gen.Choose(-100, 40000).Select(n => (double)n),
            Gen.Choose(0, 40000).Select(n => n / 8.0),
            ArbMap.Default.GeneratorFor<long>().Select(n => (double)n));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(numbers.ToArbitrary(), value =>
            Assert.Equal(Definition(value), Formatted(value))));
    }

    [Theory]
    [InlineData("{value} minutes", 45.0, null, null, "45 minutes")]
    [InlineData("每晚醒 {value} 次", 2.0, null, null, "每晚醒 2 次")]
    [InlineData("{value} days", 3.0, "; ", "hard to fall back asleep", "3 days; hard to fall back asleep")]
    [InlineData("no number", 7.0, null, null, "no number")]
    [InlineData("{value} to {value}", 1.5, null, null, "1.5 to 1.5")]
    [InlineData("{value}", 0.0, "；", "有", "0；有")]
    public void ATemplateIsFilledWithItsNumberAndTail(string template, double value, string? separator, string? tail, string expected) =>
        Assert.Equal(expected, new ValueTemplate(template).Fill(value, separator, tail));

    [Fact]
    public void AnyTemplateIsFilledAsReplacingEveryPlaceholderWould()
    {
        var piece = Gen.Elements("", "{value}", "{value", "value}", " ", "分钟", "nights a week", new string('x', 120));
        var template = piece.ArrayOf().Select(pieces => string.Concat(pieces));
        var tail = Gen.Elements<string?>(null, "", "; ", "；有", new string('y', 200));
        var cases =
            from text in template
            from value in ArbMap.Default.GeneratorFor<double>()
            from separator in tail
            from end in tail
            select (text, value, separator, end);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (text, value, separator, end) = c;
            var expected = string.Concat(text.Replace("{value}", Definition(value), StringComparison.Ordinal), separator, end);
            Assert.Equal(expected, new ValueTemplate(text).Fill(value, separator, end));
        }));
    }
}
