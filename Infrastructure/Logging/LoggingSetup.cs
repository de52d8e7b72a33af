using System.Diagnostics;
using Locking.Infrastructure.Auth;
using Serilog;
using Serilog.Formatting.Json;

namespace Locking.Infrastructure.Logging;

internal static class LoggingSetup
{
    /// <summary>
    /// Serilog from the <c>Serilog</c> section (levels, overrides, enrichers), writing to the console
    /// as text, or as one JSON object per line when <c>Serilog:Format</c> is <c>json</c>.
    /// </summary>
    public static WebApplicationBuilder AddLogging(this WebApplicationBuilder builder)
    {
        var configuration = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext();
        configuration = string.Equals(builder.Configuration["Serilog:Format"], "json", StringComparison.OrdinalIgnoreCase)
            ? configuration.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : configuration.WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        var logger = configuration.CreateLogger();
        Log.Logger = logger;
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: false);
        return builder;
    }

    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseMiddleware<RequestLogging>();
        return app;
    }
}

/// <summary>One structured line per request: method, route, status, elapsed ms, user and trace.</summary>
internal sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value;
                var user = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(Claims.Subject)?.Value : null;
                logger.LogInformation("HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.0} ms user {UserId} trace {TraceId}",
                    context.Request.Method, route, context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(start).TotalMilliseconds, user, Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
            }
        }
    }
}
