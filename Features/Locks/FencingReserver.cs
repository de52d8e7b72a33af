using Dapper;
using Locking.Infrastructure.Data;

namespace Locking.Features.Locks;

/// <summary>The persisted high-water mark behind <see cref="FencingTokens"/>.</summary>
internal sealed class FencingReservations(Db db)
{
    // SQLite's two-argument MAX is PostgreSQL's GREATEST.
    private static readonly Sql Persist = new(
        Sqlite: "UPDATE fencing SET reserved_up_to = MAX(reserved_up_to, @upTo) WHERE id = 1",
        Postgres: "UPDATE fencing SET reserved_up_to = GREATEST(reserved_up_to, @upTo) WHERE id = 1");

    private static readonly Sql Highest = new(
        Sqlite: "SELECT MAX((SELECT reserved_up_to FROM fencing WHERE id = 1), COALESCE((SELECT MAX(fencing_token) FROM appointments), 0))",
        Postgres: "SELECT GREATEST((SELECT reserved_up_to FROM fencing WHERE id = 1), COALESCE((SELECT MAX(fencing_token) FROM appointments), 0))");

    /// <summary>Records that tokens up to <paramref name="upTo"/> may be issued (never lowers it); one transaction, so a cancelled write leaves the old mark.</summary>
    public Task PersistAsync(long upTo, CancellationToken ct) => db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
        Persist.For(c), new { upTo }, tx, cancellationToken: ct)), ct);

    /// <summary>Above every token issued or written before: the reservation and the tokens stored with appointments.</summary>
    public async Task<long> HighestAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Highest.For(connection), cancellationToken: ct));
    }
}

/// <summary>Before the first request: tokens continue above every one persisted, with the first block reserved.</summary>
internal sealed class FencingStartup(FencingTokens tokens, FencingReservations reservations) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = await reservations.HighestAsync(cancellationToken);
        var upTo = start + FencingTokens.Block;
        await reservations.PersistAsync(upTo, cancellationToken);
        tokens.Start(start, upTo);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Reserves the next block of fencing tokens whenever the counter asks (half-way through a block),
/// awaited and cancellable; a failed write is logged and tried again a second later.
/// </summary>
internal sealed class FencingReserver(FencingTokens tokens, FencingReservations reservations, TimeProvider clock, ILogger<FencingReserver> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await tokens.WaitForDemandAsync(stoppingToken);
                await ReserveAsync(tokens.ReservedUpTo + FencingTokens.Block, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; tokens stay within what is reserved.
        }
    }

    private async Task ReserveAsync(long upTo, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await reservations.PersistAsync(upTo, ct);
                tokens.Reserved(upTo);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not reserve fencing tokens up to {UpTo}; trying again", upTo);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
            }
        }
    }
}
