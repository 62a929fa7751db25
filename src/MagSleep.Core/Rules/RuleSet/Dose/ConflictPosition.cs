using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>
/// One source's side of a conflict. With ages, it is stated only for upper-limit bands inside <c>minAge</c> to <c>maxAge</c>, so
/// that the source named is the one that sets the figure for that age.
/// </summary>
public sealed record ConflictPosition(string Source, LocalizedText Position, int? MinAge = null, int? MaxAge = null)
{
    public bool AppliesTo(UpperLimitBand band) => (MinAge ?? int.MinValue) <= band.MinAge && band.MaxAge <= (MaxAge ?? int.MaxValue);

    public bool Overlaps(UpperLimitBand band) => (MinAge ?? int.MinValue) <= band.MaxAge && band.MinAge <= (MaxAge ?? int.MaxValue);
}
