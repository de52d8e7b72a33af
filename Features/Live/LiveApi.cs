using Locking.Infrastructure.Realtime;

namespace Locking.Features.Live;

/// <summary>The real-time API: one SignalR hub, <c>/hubs/locking</c>, for every area's events (docs/REALTIME.md).</summary>
internal static class LiveApi
{
    public static IServiceCollection AddLive(this IServiceCollection services) => services.AddHub<LockingHub>();

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapHub<LockingHub>("/hubs/locking");
        return app;
    }
}
