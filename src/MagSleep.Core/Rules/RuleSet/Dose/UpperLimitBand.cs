namespace MagSleep.Core.Rules;

/// <summary>Supplemental upper limit for ages <c>minAge</c> to <c>maxAge</c>, both included. No mg means none is set: any supplement is above it.</summary>
public sealed record UpperLimitBand(int MinAge, int MaxAge, IReadOnlyList<string> Sources, double? Mg = null);
