using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MagSleep.Core.Content;

namespace MagSleep.Tests.Content;

public class SearchNormalisationTests
{
    /// <summary>The definition: each character folded by NFKC and lower-cased on its own, so positions stay aligned.</summary>
    private static string FoldedOneByOne(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var single = char.IsSurrogate(c) ? c.ToString() : c.ToString().Normalize(NormalizationForm.FormKC);
            folded.Append(single.Length == 1 ? char.ToLowerInvariant(single[0]) : char.ToLowerInvariant(c));
        }

        return folded.ToString();
    }

    [Theory]
    [InlineData("Magnesium SLEEP", "magnesium sleep")]
    [InlineData("ＭＡＧＮＥＳＩＵＭ", "magnesium")]
    [InlineData("镁 Ｍｇ 睡眠", "镁 mg 睡眠")]
    [InlineData("ﬁ", "ﬁ")]
    public void QueriesAndTextFoldCaseAndFullWidthForms(string text, string expected) =>
        Assert.Equal(expected, ArticleSearch.Normalise(text));

    [Fact]
    public void FoldingKeepsOneCharacterPerCharacterWhateverTheText()
    {
        var text = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>(),
            Gen.Elements('a', 'Z', '镁', 'Ｍ', 'ｍ', '１', 'ﬁ', 'É', '\ud83d', ' ').ArrayOf().Select(chars => new string(chars)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(text.Where(t => t is not null).ToArbitrary(), t =>
        {
            var folded = ArticleSearch.Normalise(t);
            Assert.Equal(FoldedOneByOne(t), folded);
            Assert.Equal(t.Length, folded.Length);
        }));
    }
}
