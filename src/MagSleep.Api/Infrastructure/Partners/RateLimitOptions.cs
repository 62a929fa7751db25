namespace MagSleep.Api.Infrastructure.Partners;

internal sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests a minute for each partner key (the NHS website content API allows 1,200).</summary>
    public int PartnerPerMinute { get; set; } = 1200;

    /// <summary>Requests a minute for each anonymous client address (MedlinePlus Connect allows 100 per IP).</summary>
    public int AnonymousPerMinute { get; set; } = 100;

    /// <summary>A StackExchange.Redis configuration ("host:port[,password=…]") shared by every instance. Empty: each instance counts on its own.</summary>
    public string? Redis { get; set; }

    /// <summary>How long a request waits for Redis before this instance counts on its own.</summary>
    public int RedisTimeoutMilliseconds { get; set; } = 250;

    /// <summary>After Redis failed, how often it is probed in the background while requests are counted in memory.</summary>
    public int RedisRetryMilliseconds { get; set; } = 5000;
}
