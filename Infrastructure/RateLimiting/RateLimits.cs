using System.Globalization;
using System.Threading.RateLimiting;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Locking.Infrastructure.Hosting;
using Microsoft.AspNetCore.RateLimiting;

namespace Locking.Infrastructure.RateLimiting;

internal static class RateLimits
{
    public const string Login = "Login";
    public const string AcquireLock = "AcquireLock";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.Of(429, "rate_limited", $"Too many requests; retry after {seconds} s.").ExecuteAsync(context.HttpContext);
            };
            AddFixedWindow(o, configuration, Login, 10, 60, c => c.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            AddFixedWindow(o, configuration, AcquireLock, 30, 10, c => c.User.FindFirst(Claims.Subject)?.Value ?? "anonymous");
        });
        return services;
    }

    /// <summary>A fixed window per partition from <c>RateLimits:{name}</c>; a limit of 0 switches it off.</summary>
    private static void AddFixedWindow(RateLimiterOptions o, IConfiguration configuration, string name, int defaultPermits, int defaultWindowSeconds,
        Func<HttpContext, string> partition)
    {
        var permits = configuration.Number($"RateLimits:{name}:PermitLimit", defaultPermits, 0, 1_000_000);
        var window = TimeSpan.FromSeconds(configuration.Number($"RateLimits:{name}:WindowSeconds", defaultWindowSeconds, 1, 86_400));
        o.AddPolicy(name, context => permits <= 0
            ? RateLimitPartition.GetNoLimiter("off")
            : RateLimitPartition.GetFixedWindowLimiter(partition(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
            }));
    }
}
