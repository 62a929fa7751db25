using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace MagSleep.Api.Infrastructure.Partners;

internal sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "RateLimits";

    /// <summary>Requests a minute for each partner key (the NHS website content API allows 1,200).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "RateLimits:PartnerPerMinute must be a whole number from {1} to {2}.")]
    public int PartnerPerMinute { get; set; } = 1200;

    /// <summary>Requests a minute for each anonymous client address (MedlinePlus Connect allows 100 per IP).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "RateLimits:AnonymousPerMinute must be a whole number from {1} to {2}.")]
    public int AnonymousPerMinute { get; set; } = 100;

    /// <summary>A StackExchange.Redis configuration ("host:port[,password=…]") shared by every instance. Empty: each instance counts on its own.</summary>
    public string? Redis { get; set; }

    /// <summary>How long a request waits for Redis before this instance counts on its own.</summary>
    [Range(1, 60_000, ErrorMessage = "RateLimits:RedisTimeoutMilliseconds must be a whole number from {1} to {2}.")]
    public int RedisTimeoutMilliseconds { get; set; } = 250;

    /// <summary>After Redis failed, how often it is probed in the background while requests are counted in memory.</summary>
    [Range(1, 3_600_000, ErrorMessage = "RateLimits:RedisRetryMilliseconds must be a whole number from {1} to {2}.")]
    public int RedisRetryMilliseconds { get; set; } = 5000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        if (!string.IsNullOrWhiteSpace(Redis))
        {
            try
            {
                // A host:port the library cannot read is dropped rather than refused, and connecting then fails for want of one.
                if (ConfigurationOptions.Parse(Redis).EndPoints.Count == 0)
                {
                    problem = "it names no host:port that can be read";
                }
            }
            // Any text is a valid password, so the library's message (the keyword it refused) never quotes one into the log.
            catch (ArgumentException refused)
            {
                problem = refused.Message;
            }
        }

        if (problem is not null)
        {
            yield return new ValidationResult($"{Section}:{nameof(Redis)} must be a StackExchange.Redis configuration (host:port[,option=value…]): {problem}");
        }
    }
}
