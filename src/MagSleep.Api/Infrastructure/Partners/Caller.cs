namespace MagSleep.Api.Infrastructure.Partners;

/// <summary>Who is calling: a named partner, or nobody in particular (who may have sent a key that matched no partner).</summary>
internal sealed record Caller(string? Partner, bool KeyRefused = false)
{
    public static readonly Caller Anonymous = new((string?)null);

    public static readonly Caller WrongKey = new(null, KeyRefused: true);

    public bool IsPartner => Partner is not null;
}
