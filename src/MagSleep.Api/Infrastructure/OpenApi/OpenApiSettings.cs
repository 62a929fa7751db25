namespace MagSleep.Api.Infrastructure.OpenApi;

internal sealed class OpenApiSettings
{
    public const string Section = "OpenApi";

    /// <summary>Serve the explorer at /swagger and the OpenAPI document.</summary>
    public bool Enabled { get; set; } = true;
}
