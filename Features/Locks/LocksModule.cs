using Dapper;
using Locking.Infrastructure.Data;

namespace Locking.Features.Locks;

internal static class LocksModule
{
    public static IServiceCollection AddLocks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(LockSettings.From(configuration));
        services.AddSingleton(sp => new FencingTokens(sp.GetRequiredService<FencingReservations>().PersistAsync));
        services.AddSingleton<FencingReservations>();
        services.AddSingleton<LeaseTable>();
        services.AddSingleton<LockAnnouncer>();
        services.AddSingleton<AppointmentFence>();
        services.AddSingleton<Presence>();
        services.AddSingleton<LockWatchers>();
        // After the database start-up (registered earlier): tokens continue above the persisted ones.
        services.AddHostedService<FencingStartup>();
        services.AddHostedService<LockSweeper>();
        return services;
    }
}

/// <summary>The persisted high-water mark behind <see cref="FencingTokens"/>.</summary>
internal sealed class FencingReservations(Db db)
{
    // Deliberately not cancellable: a reservation half-written at shutdown would be worse than a slow stop.
    public Task PersistAsync(long upTo) => db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
        "UPDATE fencing SET reserved_up_to = MAX(reserved_up_to, @upTo) WHERE id = 1", new { upTo }, tx)), CancellationToken.None);

    /// <summary>Above every token issued or written before: the reservation and the tokens stored with appointments.</summary>
    public async Task<long> HighestAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT MAX((SELECT reserved_up_to FROM fencing WHERE id = 1), COALESCE((SELECT MAX(fencing_token) FROM appointments), 0))",
            cancellationToken: ct));
    }
}

internal sealed class FencingStartup(FencingTokens tokens, FencingReservations reservations) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await tokens.InitializeAsync(await reservations.HighestAsync(cancellationToken));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
