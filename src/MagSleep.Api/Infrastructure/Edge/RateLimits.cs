using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MagSleep.Api.Infrastructure.Edge;

internal sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests a minute for each partner key (the NHS website content API allows 1,200).</summary>
    public int PartnerPerMinute { get; set; } = 1200;

    /// <summary>Requests a minute for each anonymous client address (MedlinePlus Connect allows 100 per IP).</summary>
    public int AnonymousPerMinute { get; set; } = 100;

    /// <summary>"host:port[,password=…]" of a Redis shared by every instance. Empty: each instance counts on its own.</summary>
    public string? Redis { get; set; }

    public int RedisTimeoutMilliseconds { get; set; } = 250;
}

internal static class RateLimits
{
    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        if (!string.IsNullOrWhiteSpace(limits.Redis))
        {
            services.AddSingleton(new RedisCounter(limits.Redis, TimeSpan.FromMilliseconds(limits.RedisTimeoutMilliseconds)));
        }

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            var redis = provider.GetService<RedisCounter>();
            var clock = provider.GetRequiredService<TimeProvider>();
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("MagSleep.RateLimits");
            // One factory per budget, made here: a lambda made per request would be two closures and two delegates each time.
            Func<Client, RateLimiter> Window(int permits) => redis is null
                ? _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    // As RateLimitPartition.GetFixedWindowLimiter sets it: the partitioned limiter's own timer replenishes every window.
                    AutoReplenishment = false,
                })
                : client => new SharedWindowLimiter(redis, client.ToString(), permits, TimeSpan.FromMinutes(1), clock, logger);
            var partnerWindow = Window(limits.PartnerPerMinute);
            var anonymousWindow = Window(limits.AnonymousPerMinute);

            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, Client>(context =>
            {
                if (context.Request.Path.StartsWithSegments("/health"))
                {
                    return RateLimitPartition.GetNoLimiter(Client.Health);
                }

                var caller = context.GetCaller();
                return caller.IsPartner
                    ? RateLimitPartition.Get(new Client(caller.Partner, null), partnerWindow)
                    : RateLimitPartition.Get(new Client(null, context.Connection.RemoteIpAddress), anonymousWindow);
            });
            options.OnRejected = WriteTooManyRequests;
        });
        return services;
    }

    /// <summary>Whose budget a request spends: a partner's, or an address's. A value, so finding the budget allocates nothing.</summary>
    private readonly record struct Client(string? Partner, IPAddress? Address, bool IsHealthCheck = false)
    {
        public static readonly Client Health = new(null, null, IsHealthCheck: true);

        public override string ToString() => Partner is not null ? $"partner:{Partner}" : $"ip:{Address}";
    }

    private static async ValueTask WriteTooManyRequests(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"The rate limit for this {(context.GetCaller().IsPartner ? "API key" : "client address")} is used up. Try again in {seconds} s.",
                Extensions = { ["retryAfterSeconds"] = seconds },
            },
        });
    }
}
