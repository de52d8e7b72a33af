using Dapper;
using Locking.Infrastructure.Data;

namespace Locking.Features.Locks;

/// <summary>
/// When a lock moves to another user, the appointment's stored fence is raised to the new token.
/// The raise takes its turn behind any write already in progress, and from its commit on every
/// write still carrying an older token fails its conditional UPDATE: no stale write can land after
/// the new holder was told the lock is theirs.
/// </summary>
internal sealed class AppointmentFence(Db db)
{
    private const string Raise = "UPDATE appointments SET fencing_token = @token WHERE id = @id AND fencing_token < @token";

    public Task RaiseAsync(Lease lease, CancellationToken ct) => db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
        Raise, new { id = lease.AppointmentId, token = lease.FencingToken }, tx, cancellationToken: ct)), ct);
}
