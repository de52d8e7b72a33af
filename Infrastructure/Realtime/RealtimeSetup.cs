using Microsoft.AspNetCore.SignalR;

namespace Locking.Infrastructure.Realtime;

internal static class RealtimeSetup
{
    /// <summary>SignalR's dispatcher: it logs every exception a hub method throws at Error, refusals included.</summary>
    public const string HubDispatcher = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSingleton<HubOutbox>();
        services.AddSingleton<HubConnections>();
        services.AddSingleton<HubInvocationLogging>();
        services.AddSignalR(o => o.AddFilter<HubInvocationLogging>()).AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.PayloadSerializerOptions.Converters.Add(new Errors.UtcInstantConverter());
        });
        // HubInvocationLogging logs those failures instead, each at its level. Serilog, which filters
        // before the providers, has the same rule in LoggingSetup.
        services.AddLogging(logging => logging.AddFilter(HubDispatcher, LogLevel.None));
        return services;
    }

    /// <summary>Sends what is posted to <see cref="HubOutbox"/> through <typeparamref name="THub"/>: the hub the service maps.</summary>
    public static IServiceCollection AddHub<THub>(this IServiceCollection services) where THub : Hub
    {
        services.AddHostedService<HubOutboxPump<THub>>();
        return services;
    }
}
