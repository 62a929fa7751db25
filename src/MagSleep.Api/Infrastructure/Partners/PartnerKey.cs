namespace MagSleep.Api.Infrastructure.Partners;

/// <summary>A partner and the SHA-256 (hex) of its key. The key itself is never configured, stored or logged.</summary>
internal sealed class PartnerKey
{
    public string Name { get; set; } = "";

    public string KeySha256 { get; set; } = "";
}
