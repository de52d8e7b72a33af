namespace Locking.Features.Locks;

internal static class LocksModule
{
    public static IServiceCollection AddLocks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(LockSettings.From(configuration));
        services.AddSingleton<FencingTokens>();
        services.AddSingleton<FencingReservations>();
        services.AddSingleton<LeaseTable>();
        services.AddSingleton<LockAnnouncer>();
        services.AddSingleton<AppointmentFence>();
        services.AddSingleton<Presence>();
        services.AddSingleton<LockWatchers>();
        // After the database start-up (registered earlier): tokens continue above the persisted ones.
        services.AddHostedService<FencingStartup>();
        services.AddHostedService<FencingReserver>();
        services.AddHostedService<LockSweeper>();
        return services;
    }
}
