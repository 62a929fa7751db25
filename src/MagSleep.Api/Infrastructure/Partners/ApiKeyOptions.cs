namespace MagSleep.Api.Infrastructure.Partners;

internal sealed class ApiKeyOptions
{
    public const string Section = "ApiKeys";

    public List<PartnerKey> Partners { get; set; } = [];
}

