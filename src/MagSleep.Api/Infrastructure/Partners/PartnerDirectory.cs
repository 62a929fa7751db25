using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MagSleep.Api.Infrastructure.Partners;

internal sealed class PartnerDirectory
{
    private readonly (string Name, byte[] Hash)[] _partners;

    public PartnerDirectory(IOptions<ApiKeyOptions> options)
    {
        _partners = [.. options.Value.Partners.Select((p, i) => (
            string.IsNullOrWhiteSpace(p.Name) ? throw new OptionsValidationException(ApiKeyOptions.Section, typeof(ApiKeyOptions), [$"ApiKeys:Partners:{i}:Name is empty."]) : p.Name,
            TryHex(p.KeySha256) ?? throw new OptionsValidationException(ApiKeyOptions.Section, typeof(ApiKeyOptions), [$"ApiKeys:Partners:{i}:KeySha256 must be 64 hex characters."])))];
    }

    /// <summary>Compares against every configured hash in constant time, so timing does not reveal which key came close.</summary>
    public string? Find(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        string? found = null;
        foreach (var (name, expected) in _partners)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                found = name;
            }
        }

        return found;
    }

    private static byte[]? TryHex(string text)
    {
        try
        {
            var bytes = Convert.FromHexString(text.Trim());
            return bytes.Length == SHA256.HashSizeInBytes ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
