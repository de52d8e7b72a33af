using System.Diagnostics;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Hosting;
using Serilog;
using Serilog.Formatting.Json;
using Serilog.Settings.Configuration;

namespace Locking.Infrastructure.Logging;

internal static class LoggingSetup
{
    /// <summary>
    /// Serilog from the <c>Serilog</c> section (levels, overrides, enrichers), writing to the console
    /// as text, or as one JSON object per line when <c>Serilog:Format</c> is <c>json</c>.
    /// </summary>
    public static WebApplicationBuilder AddLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // Lines written before the container exists (start-up warnings) use the same settings.
        Log.Logger = Configure(new LoggerConfiguration(), configuration).CreateLogger();
        builder.Logging.ClearProviders();
        // writeToProviders: a provider added later (a test's capture) still sees every event.
        builder.Services.AddSerilog((services, logger) => Configure(logger, configuration).ReadFrom.Services(services),
            preserveStaticLogger: true, writeToProviders: true);
        return builder;
    }

    /// <summary>One line per request: method, route, status, elapsed ms, user and trace.</summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            // The app's own logger, not the static start-up one.
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod} {Route} responded {StatusCode} in {Elapsed:0.0} ms user {UserId} trace {TraceId}";
            o.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                diagnostics.Set("Route", (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value);
                diagnostics.Set("UserId", context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(Claims.Subject)?.Value : null);
                diagnostics.Set("TraceId", Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
            };
        });
        return app;
    }

    private static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration)
    {
        // A refusal is printed once, as one line, by Program; the host's report of it would add a stack trace.
        // Named assemblies: a single-file executable has none for Serilog to discover.
        var assemblies = new ConfigurationReaderOptions(typeof(ConsoleLoggerConfigurationExtensions).Assembly, typeof(LoggerConfiguration).Assembly);
        logger.ReadFrom.Configuration(configuration, assemblies).Enrich.FromLogContext().Filter.ByExcluding(e => e.Exception is StartupRefusal)
            // SignalR's dispatcher logs every refused hub call at Error; HubInvocationLogging logs each at its own level.
            .MinimumLevel.Override(Realtime.RealtimeSetup.HubDispatcher, Serilog.Events.LogEventLevel.Fatal);
        return string.Equals(configuration["Serilog:Format"], "json", StringComparison.OrdinalIgnoreCase)
            ? logger.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
    }
}
