using Locking.Infrastructure.Hosting;

namespace Locking.Infrastructure.Cors;

/// <summary>
/// <c>Cors:AllowedOrigins</c>: the browser origins (a front end served elsewhere) allowed to call
/// the API and the hub. Empty, the default, means off: only same-origin pages can.
/// </summary>
internal static class CorsSetup
{
    public static IServiceCollection AddCrossOrigin(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = AllowedOrigins(configuration);
        if (origins.Length > 0)
        {
            // Credentials: the SignalR client sends them on negotiate and the WebSocket by default.
            services.AddCors(o => o.AddDefaultPolicy(p => p
                .WithOrigins(origins)
                .AllowAnyHeader()
                .AllowAnyMethod()
                .AllowCredentials()
                .WithExposedHeaders("ETag", "Location", "Retry-After")));
        }
        return services;
    }

    public static WebApplication UseCrossOrigin(this WebApplication app)
    {
        if (AllowedOrigins(app.Configuration).Length > 0)
        {
            app.UseCors();
        }
        return app;
    }

    /// <summary>A JSON array, or one string of origins separated by commas or spaces (handy in an environment variable).</summary>
    private static string[] AllowedOrigins(IConfiguration configuration)
    {
        var section = configuration.GetSection("Cors:AllowedOrigins");
        var listed = section.Value is { } text
            ? text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToArray();
        foreach (var origin in listed)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery != "/" || origin.EndsWith('/'))
            {
                throw new StartupRefusal(
                    $"Refusing to start: Cors:AllowedOrigins has '{origin}'; each origin is a scheme, host and optional port, like https://app.example.org.");
            }
        }
        return listed;
    }
}
