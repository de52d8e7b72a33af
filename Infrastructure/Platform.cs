using Locking.Infrastructure.Auth;
using Locking.Infrastructure.BrowserApp;
using Locking.Infrastructure.Cors;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Docs;
using Locking.Infrastructure.Errors;
using Locking.Infrastructure.Health;
using Locking.Infrastructure.Logging;
using Locking.Infrastructure.Proxy;
using Locking.Infrastructure.RateLimiting;
using Locking.Infrastructure.Realtime;

namespace Locking.Infrastructure;

/// <summary>What every area stands on, whatever the domain: set up once, in the order requests meet it.</summary>
internal static class Platform
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        // Structured logs first, so every later step can report through them.
        builder.AddLogging();
        // Problem details for every error, JSON options and request validation.
        builder.Services.AddErrorHandling();
        // SQLite: migrations and write retry; areas add their seeds (IDatabaseSeed).
        builder.Services.AddData(builder.Configuration);
        // JWT sign-in, roles and policies; rate limits; CORS; the hub's plumbing; docs; health.
        builder.AddAuth();
        builder.Services.AddRateLimits(builder.Configuration);
        builder.Services.AddCrossOrigin(builder.Configuration);
        builder.Services.AddRealtime();
        builder.Services.AddApiDocs();
        builder.Services.AddHealth();
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        // Proxy headers, request logs, other origins, errors, then auth: the order each request meets them.
        app.UseProxyHeaders();
        app.UseRequestLogging();
        app.UseCrossOrigin();
        app.UseErrorHandling();
        // The browser app's files before auth: they are public, the data behind them is not.
        app.UseBrowserApp();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // Operations: docs and health.
        app.MapApiDocs();
        app.MapHealth();
        return app;
    }

    /// <summary>The group every area's routes go under: <c>/api</c>, with what the platform may answer on each documented.</summary>
    public static RouteGroupBuilder MapApiGroup(this WebApplication app) => app.MapGroup("/api").DocumentsPlatformAnswers();
}
