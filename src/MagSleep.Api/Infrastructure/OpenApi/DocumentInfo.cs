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

    private const string DefaultLicence = "Proprietary; the source articles keep their own licences (see each article's `source`)";

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
        var licenseUrl = Web(license, "Url");
        return new DocumentInfo(
            new OpenApiContact { Name = name ?? DefaultContact, Url = url, Email = email },
            new OpenApiLicense
            {
                Name = Text(license, "Name") ?? DefaultLicence,
                // OpenAPI 3.1 allows a licence's URL or its SPDX identifier, not both.
                Url = licenseUrl,
                Identifier = licenseUrl is null ? "LicenseRef-MagSleep" : null,
            });
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
