using FsCheck;
using FsCheck.Fluent;
using MagSleep.Api.Infrastructure;

namespace MagSleep.Tests.Api;

public class EntityTagTests
{
    [Theory]
    [InlineData("ab|c", "a|bc")]
    [InlineData("a\0b", "a|b")]
    [InlineData("a", "a|")]
    [InlineData("", "|")]
    public void InputsThatDifferGiveDifferentTags(string inputs, string otherInputs) =>
        Assert.NotEqual(EntityTags.ForInputs("v1", inputs.Split('|')), EntityTags.ForInputs("v1", otherInputs.Split('|')));

    [Fact]
    public void LoneSurrogatesAreNotFoldedTogether() =>
        Assert.NotEqual(EntityTags.ForInputs("v1", ["\uD800"]), EntityTags.ForInputs("v1", ["\uD801"]));

    [Fact]
    public void AnotherContentVersionGivesAnotherTag() =>
        Assert.NotEqual(EntityTags.ForInputs("v1", ["search", "en", "magnesium"]), EntityTags.ForInputs("v2", ["search", "en", "magnesium"]));

    [Fact]
    public void TagsAreStrongQuotedAndUrlSafe()
    {
        var tag = EntityTags.ForInputs("v1", ["search", "en", "magnesium"]);

        Assert.Matches("^\"[A-Za-z0-9_-]{24}\"$", tag);
        Assert.Equal(tag, EntityTags.ForInputs("v1", ["search", "en", "magnesium"]));
    }

    [Fact]
    public void InputsLongerThanTheStackBufferAreHashedWhole()
    {
        var longer = new string('x', 3000);

        Assert.NotEqual(EntityTags.ForInputs("v1", [longer + "a"]), EntityTags.ForInputs("v1", [longer + "b"]));
    }

    [Fact]
    public void TwoListsShareATagOnlyWhenTheyAreEqual()
    {
        var input = Gen.Elements("", "a", "b", "ab", "\0", "\uD800", "镁", "x y").ListOf().Select(l => l.ToArray());
        var pairs = Gen.OneOf(
            from a in input from b in input select (A: a, B: b),
            input.Select(a => (A: a, B: a.ToArray())));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(pairs.ToArbitrary(), pair =>
            Assert.Equal(pair.A.SequenceEqual(pair.B), EntityTags.ForInputs("v", pair.A) == EntityTags.ForInputs("v", pair.B))));
    }
}
