using FsCheck;
using FsCheck.Fluent;
using MagSleep.Api.Infrastructure.Content;

namespace MagSleep.Tests.Api;

public class EntityTagTests
{
    [Fact]
    public void TagsAreStrongQuotedAndUrlSafe()
    {
        var tag = ContentResponse.TagOf("application/json", "{\"items\":[]}"u8);

        Assert.Matches("^\"[A-Za-z0-9_-]{24}\"$", tag);
        Assert.Equal(tag, ContentResponse.TagOf("application/json", "{\"items\":[]}"u8));
    }

    [Fact]
    public void TheSameBytesAsAnotherMediaTypeHaveAnotherTag() =>
        Assert.NotEqual(ContentResponse.TagOf("application/json", "{}"u8), ContentResponse.TagOf("application/fhir+json", "{}"u8));

    [Fact]
    public void TwoBodiesShareATagOnlyWhenTheyAreTheSameBytes()
    {
        var body = Gen.Elements<byte>(0, 1, (byte)'a', (byte)'{', 0xff).ArrayOf();
        var pairs = Gen.OneOf(
            from a in body from b in body select (A: a, B: b),
            body.Select(a => (A: a, B: a.ToArray())));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(pairs.ToArbitrary(), pair =>
            Assert.Equal(pair.A.SequenceEqual(pair.B), ContentResponse.TagOf("application/json", pair.A) == ContentResponse.TagOf("application/json", pair.B))));
    }
}
