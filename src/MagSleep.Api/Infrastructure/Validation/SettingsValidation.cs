using System.ComponentModel.DataAnnotations;

namespace MagSleep.Api.Infrastructure.Validation;

internal static class SettingsValidation
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> and checks its <see cref="RangeAttribute"/>s when
    /// start-up checks run, so a value out of range stops start-up naming its key instead of breaking requests.
    /// </summary>
    public static IServiceCollection AddCheckedSettings<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}

internal sealed class BodyLimits
{
    public const string Section = "Limits";

    [Range(1, 1_073_741_824, ErrorMessage = "Limits:MaxBodyBytes must be a whole number from {1} to {2}.")]
    public int MaxBodyBytes { get; set; } = 16 * 1024;
}
