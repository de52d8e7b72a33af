namespace Locking.Features.Locks;

/// <summary>
/// Every <c>Locks:SweepIntervalSeconds</c>: removes expired leases (announcing <c>expired</c> or
/// <c>disconnected</c>) and grants requests whose deadline passed (<c>auto: true</c>).
/// </summary>
internal sealed class LockSweeper(
    LeaseTable table, LockAnnouncer announce, AppointmentFence fence, LockSettings settings, TimeProvider clock, ILogger<LockSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        List<Lease> expired = [];
        List<LockOutcome> granted = [];
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.SweepInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            expired.Clear();
            granted.Clear();
            try
            {
                table.Sweep(expired, granted);
            }
            catch (Exception e)
            {
                // A bug here must not stop every future sweep.
                logger.LogError(e, "Lock sweep failed; retrying at the next interval");
            }
            foreach (var lease in expired)
            {
                var reason = lease.Disconnected ? "disconnected" : "expired";
                logger.LogInformation("Lock {AppointmentId} of {UserId} ended: {Reason}", lease.AppointmentId, lease.HolderId, reason);
                announce.Released(lease, lease.HolderId, reason);
            }
            foreach (var grant in granted)
            {
                var pending = grant.Previous!.Pending!;
                logger.LogInformation("Lock {AppointmentId}: {Kind} request of {UserId} granted at its deadline",
                    grant.Previous.AppointmentId, pending.Kind, pending.RequestedBy);
                if (grant.Current is { } transferred)
                {
                    try
                    {
                        await fence.RaiseAsync(transferred, stoppingToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogError(e, "Could not raise the fence of {AppointmentId}", transferred.AppointmentId);
                    }
                }
                announce.RequestGranted(grant.Previous, grant.Current, auto: true);
            }
        }
    }
}
