using MagSleep.Api.Infrastructure.OpenApi;
using MagSleep.Api.Infrastructure.Partners;
using MagSleep.Core.Content;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace MagSleep.Api.Infrastructure.Content;

internal static class StartupChecks
{
    /// <summary>
    /// Loads the content and builds what the configuration describes (partner keys, trusted proxies, the document's
    /// contact and licence) before the pipeline and the host start, so a broken file or entry stops start-up with one
    /// line naming it and a non-zero exit code, rather than a stack trace or a service that answers every request with
    /// a 500.
    /// </summary>
    public static bool Pass(WebApplication app)
    {
        try
        {
            var content = app.Services.GetRequiredService<ContentStore>();
            content.Load();
            _ = app.Services.GetRequiredService<PartnerDirectory>();
            _ = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
            _ = app.Services.GetRequiredService<DocumentInfo>();
            app.Logger.LogInformation("Serving content version {ContentVersion} from {ContentDirectory}", content.Current.Snapshot.Version, content.ContentDirectory);
            return true;
        }
        catch (Exception refused) when (refused is ContentValidationException or OptionsValidationException)
        {
            app.Logger.LogCritical("MagSleep did not start. {Reason}", refused.Message);
            return false;
        }
    }
}
