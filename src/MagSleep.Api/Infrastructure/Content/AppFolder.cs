namespace MagSleep.Api.Infrastructure.Content;

/// <summary>Where the app finds its settings, its page and its content, whatever the working directory.</summary>
internal static class AppFolder
{
    /// <summary>
    /// The content root (appsettings.json, wwwroot/, the default content/) is the working directory when that holds
    /// appsettings.json, as the project folder under <c>dotnet run</c> and the app's own folder do; otherwise it is
    /// the folder the app was installed in, so the published folder runs from anywhere. An explicit content root
    /// (<c>--contentRoot</c>, ASPNETCORE_CONTENTROOT) is left to the host.
    /// </summary>
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = ExplicitlySet(args) || File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))
            ? null
            : AppContext.BaseDirectory,
    };

    private static bool ExplicitlySet(string[] args) =>
        args.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase))
        || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is not null
        || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is not null;
}
