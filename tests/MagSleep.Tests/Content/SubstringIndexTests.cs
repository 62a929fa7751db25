using FsCheck;
using FsCheck.Fluent;
using MagSleep.Core.Content;

namespace MagSleep.Tests.Content;

public class SubstringIndexTests
{
    private static Occurrences Scan(string text, string term)
    {
        var count = 0;
        var first = -1;
        for (var at = text.IndexOf(term, StringComparison.Ordinal); at >= 0; at = text.IndexOf(term, at + term.Length, StringComparison.Ordinal))
        {
            first = first < 0 ? at : first;
            count++;
        }

        return count == 0 ? Occurrences.None : new Occurrences(count, first);
    }

    [Theory]
    [InlineData("aaaa", "aa", 2, 0)]
    [InlineData("aaa", "aa", 1, 0)]
    [InlineData("ababa", "aba", 1, 0)]
    [InlineData("xababab", "abab", 1, 1)]
    [InlineData("abc", "abcd", 0, -1)]
    [InlineData("", "a", 0, -1)]
    public void OverlappingMatchesCountOnceAsAScanWouldCountThem(string text, string term, int count, int first)
    {
        var found = new Occurrences[1];

        new SubstringIndex([text]).Find(term, found);

        Assert.Equal(new Occurrences(count, first), found[0]);
    }

    [Fact]
    public void NoMatchRunsAcrossTwoSegments()
    {
        var found = new Occurrences[2];

        new SubstringIndex(["ab", "cd"]).Find("b\nc", found);

        Assert.Equal([Occurrences.None, Occurrences.None], found);
    }

    [Fact]
    public void EverySegmentGetsWhatAScanOfItFinds()
    {
        // A two-letter alphabet makes repeats and overlaps common.
        var text = Gen.Elements('a', 'b').ArrayOf().Select(chars => new string(chars));
        var term = Gen.Elements('a', 'b', '\n').ArrayOf().Where(chars => chars.Length is > 0 and <= 5).Select(chars => new string(chars));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(text.ListOf().ToArbitrary(), term.ToArbitrary(), (segments, sought) =>
        {
            var found = new Occurrences[segments.Count];

            new SubstringIndex([.. segments]).Find(sought, found);

            Assert.Equal(segments.Select(segment => Scan(segment, sought)), found);
        }));
    }
}
