using Dapper;
using Locking.Features.Slots;
using Locking.Infrastructure.Data;

namespace Locking.Features.Bookings;

/// <summary>Every <c>Locks:SweepIntervalSeconds</c>: expires lapsed holds and announces <c>slot-unlocked</c>.</summary>
internal sealed class BookingSweeper(Db db, BookingAnnouncer announce, BookingSettings settings, TimeProvider clock, ILogger<BookingSweeper> logger)
    : BackgroundService
{
    private const string AnyLapsed = $"SELECT EXISTS (SELECT 1 FROM bookings WHERE status = '{BookingStatuses.Pending}' AND expires_at <= @now)";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.SweepInterval, clock, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Hold sweep failed; retrying at the next interval");
            }
        }
    }

    public async Task SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using (var connection = await db.OpenAsync(ct))
        {
            // A cheap read first: most sweeps find nothing and need no write turn.
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(AnyLapsed, new { now }, cancellationToken: ct)))
            {
                return;
            }
        }
        var expired = await db.WriteAsync((c, tx) => HoldExpiry.ExpireAsync(c, tx, slotId: null, now, ct), ct);
        logger.LogInformation("Expired {Count} lapsed holds", expired.Count);
        announce.Announce(expired);
    }
}
