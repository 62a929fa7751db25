using System.ComponentModel.DataAnnotations;

namespace MagSleep.Api.Infrastructure.Http;

/// <summary>The "Cors" section, checked at start-up: an entry that is not an origin would never match a browser's.</summary>
internal sealed class CorsSettings : IValidatableObject
{
    public const string Section = "Cors";

    /// <summary>Origins browsers may call from ("*" for any); empty entries are skipped.</summary>
    public string?[] AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AllowedOrigins.Length; i++)
        {
            if (AllowedOrigins[i] is { } entry && !string.IsNullOrWhiteSpace(entry) && entry != "*" && !IsOrigin(entry))
            {
                yield return new ValidationResult(
                    $"{Section}:{nameof(AllowedOrigins)}:{i} must be * or an origin, scheme://host[:port] with no path, as a browser sends it in Origin (such as https://app.example.com).");
            }
        }
    }

    private static bool IsOrigin(string entry) =>
        Uri.TryCreate(entry, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.GetLeftPart(UriPartial.Authority).Equals(entry, StringComparison.OrdinalIgnoreCase);
}
