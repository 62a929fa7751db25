using System.Net.Mail;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace MagSleep.Api.Infrastructure.OpenApi;

/// <summary>
/// Who answers for the API and under which licence, as the document's info names them (OpenApi:Contact:Name, :Url,
/// :Email; OpenApi:License:Name, :Url). Unconfigured, the contact is the team's name alone: no made-up address.
/// </summary>
internal sealed record DocumentInfo(OpenApiContact Contact, OpenApiLicense License)
{
    private const string DefaultContact = "MagSleep API team";

    private const string DefaultLicence = "Proprietary; the articles are our own adaptations of the sources each article's `source` names";

    /// <summary>A URL or address that is not one stops start-up with a line naming the setting, instead of a broken document.</summary>
    public static DocumentInfo From(IConfiguration configuration)
    {
        var contact = configuration.GetSection("OpenApi:Contact");
        var (name, url, email) = (Text(contact, "Name"), Web(contact, "Url"), Text(contact, "Email"));
        if (email is not null && !(MailAddress.TryCreate(email, out var address) && address.Address == email))
        {
            throw Refused(contact, "Email", "an e-mail address");
        }

        var license = configuration.GetSection("OpenApi:License");
        var (licenseName, licenseUrl) = (Text(license, "Name"), Web(license, "Url"));
        if (licenseName is null && licenseUrl is not null)
        {
            throw Refused(license, "Name", "set with OpenApi:License:Url");
        }

        return new DocumentInfo(
            new OpenApiContact { Name = name ?? DefaultContact, Url = url, Email = email },
            licenseName is null
                ? new OpenApiLicense { Name = DefaultLicence, Identifier = "LicenseRef-MagSleep" }
                : new OpenApiLicense { Name = licenseName, Url = licenseUrl });
    }

    private static string? Text(IConfigurationSection section, string key) =>
        string.IsNullOrWhiteSpace(section[key]) ? null : section[key]!.Trim();

    private static Uri? Web(IConfigurationSection section, string key) =>
        Text(section, key) is not { } text ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri
        : throw Refused(section, key, "an absolute http or https URL");

    private static OptionsValidationException Refused(IConfigurationSection section, string key, string what) =>
        new(section.Path, typeof(DocumentInfo), [$"{section.Path}:{key} must be {what}."]);
}
