using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MagSleep.Api.Infrastructure.Edge;

internal sealed class ApiKeyOptions
{
    public const string Section = "ApiKeys";

    public List<PartnerKey> Partners { get; set; } = [];
}

/// <summary>A partner and the SHA-256 (hex) of its key. The key itself is never configured, stored or logged.</summary>
internal sealed class PartnerKey
{
    public string Name { get; set; } = "";

    public string KeySha256 { get; set; } = "";
}

/// <summary>Who is calling: a named partner, or nobody in particular.</summary>
internal sealed record Caller(string? Partner)
{
    public static readonly Caller Anonymous = new((string?)null);

    public bool IsPartner => Partner is not null;
}

internal static class ApiKeys
{
    public const string Header = "X-Api-Key";

    public static Caller GetCaller(this HttpContext context) => context.Features.Get<Caller>() ?? Caller.Anonymous;

    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiKeyOptions>(configuration.GetSection(ApiKeyOptions.Section));
        services.AddSingleton<PartnerDirectory>();
        return services;
    }

    /// <summary>A request with a key must carry a known one: a wrong key is refused, never treated as anonymous.</summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app)
    {
        // Made here rather than on the first keyed request, so a broken key configuration stops start-up instead
        // of turning every partner's request into a 500.
        var partners = app.ApplicationServices.GetRequiredService<PartnerDirectory>();
        return app.Use((context, next) => context.Request.Headers.TryGetValue(Header, out var sent)
            ? IdentifyThenContinue(context, next, partners, sent.ToString())
            : next(context));
    }

    private static async Task IdentifyThenContinue(HttpContext context, RequestDelegate next, PartnerDirectory partners, string key)
    {
        var partner = partners.Find(key);
        if (partner is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = "Unknown API key",
                    Detail = $"The {Header} header does not hold a valid key. Leave it out to call anonymously, with a lower rate limit.",
                },
            });
            return;
        }

        context.Features.Set(new Caller(partner));
        await next(context);
    }
}

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
