using MagSleep.Api.Infrastructure.Logging;
using MagSleep.Api.Infrastructure.OpenApi;
using MagSleep.Api.Infrastructure.Partners;
using MagSleep.Core.Content;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace MagSleep.Api.Infrastructure.Content;

internal static class StartupChecks
{
    /// <summary>
    /// Checks the settings, loads the content and builds what the configuration describes (partner keys, trusted
    /// proxies, the document's contact and licence) before the pipeline and the host start, so a broken file, entry or
    /// value stops start-up with one line naming it and a non-zero exit code, rather than a stack trace or a service
    /// that answers every request with a 500.
    /// </summary>
    public static bool Pass(WebApplication app)
    {
        try
        {
            // The logger is made from the Serilog section when first asked for; only then is a refusal known.
            _ = app.Services.GetRequiredService<Serilog.ILogger>();
            app.Services.GetRequiredService<SerilogSettings>().ThrowIfRefused();
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            var content = app.Services.GetRequiredService<ContentStore>();
            content.Load();
            _ = app.Services.GetRequiredService<PartnerDirectory>();
            _ = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
            _ = app.Services.GetRequiredService<DocumentInfo>();
            app.Logger.LogInformation("Serving content version {ContentVersion} from {ContentDirectory}", content.Current.Version, content.ContentDirectory);
            return true;
        }
        catch (Exception refused) when (Reason(refused) is { } reason)
        {
            app.Logger.LogCritical("MagSleep did not start. {Reason}", reason);
            return false;
        }
    }

    /// <summary>What the operator has to fix, for the refusals start-up expects; anything else keeps its stack trace.</summary>
    private static string? Reason(Exception refused) => refused switch
    {
        ContentValidationException or OptionsValidationException => refused.Message,
        AggregateException all when all.InnerExceptions.All(e => Reason(e) is not null) => string.Join(" ", all.InnerExceptions.Select(Reason)),
        // The configuration binder's "Failed to convert configuration value … at 'Key' to type …".
        InvalidOperationException { InnerException: FormatException or ArgumentException } => refused.Message,
        _ => null,
    };
}
