using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using MagSleep.Api.Infrastructure.Validation;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MagSleep.Api.Infrastructure.Partners;

internal static class RateLimits
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedSettings<RateLimitOptions>(RateLimitOptions.Section);
        if (!string.IsNullOrWhiteSpace(configuration[$"{RateLimitOptions.Section}:{nameof(RateLimitOptions.Redis)}"]))
        {
            services.AddSingleton(provider => new SharedWindowCounter(
                provider.GetRequiredService<IOptions<RateLimitOptions>>().Value, provider.GetRequiredService<ILogger<SharedWindowCounter>>()));
        }

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            var limits = provider.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            var shared = provider.GetService<SharedWindowCounter>();
            var clock = provider.GetRequiredService<TimeProvider>();
            // One factory per budget, made here: a lambda made per request would be two closures and two delegates each time.
            Func<Client, RateLimiter> Budget(int permits) => client => new WindowLimiter(client.ToString(), permits, Window, clock, shared);
            var partnerBudget = Budget(limits.PartnerPerMinute);
            var anonymousBudget = Budget(limits.AnonymousPerMinute);

            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, Client>(context =>
            {
                // A wrong key is not a partner: its attempts spend the address's budget, so guessing keys ends in 429s.
                var caller = context.GetCaller();
                return caller.IsPartner
                    ? RateLimitPartition.Get(new Client(caller.Partner, null), partnerBudget)
                    : RateLimitPartition.Get(new Client(null, context.Connection.RemoteIpAddress), anonymousBudget);
            });
            options.OnRejected = WriteTooManyRequests;
        });
        return services;
    }

    /// <summary>Whose budget a request spends: a partner's, or an address's. A value, so finding the budget allocates nothing.</summary>
    private readonly record struct Client(string? Partner, IPAddress? Address)
    {
        public override string ToString() => Partner is not null ? $"partner:{Partner}" : $"ip:{Address}";
    }

    private static async ValueTask WriteTooManyRequests(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Type = "https://www.rfc-editor.org/rfc/rfc6585#section-4",
                Status = StatusCodes.Status429TooManyRequests,
                Title = "too-many-requests",
                Extensions = { ["retryAfterSeconds"] = seconds },
            },
        });
    }
}
