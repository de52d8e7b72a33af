namespace Locking.Features.Locks;

/// <summary>The hand-over protocol on the table: an admin's pending request, and the holder's answer.</summary>
internal sealed partial class LeaseTable
{
    /// <summary>
    /// An admin asks the holder for control or for a release; answered by the holder or the deadline.
    /// A request waiting for an answer is never replaced: another admin is told to wait, and the same
    /// admin asking again keeps the original deadline.
    /// </summary>
    public LockOutcome Request(Guid appointmentId, RequestKind kind, Guid adminId, string adminName) =>
        Change(appointmentId, Guid.Empty, holderOnly: false, (lease, now) => lease switch
        {
            _ when lease.HolderId == adminId => (LockResult.AlreadyHolder, lease),
            { Pending: { } pending } when pending.RequestedBy != adminId || pending.Kind != kind => (LockResult.RequestPending, lease),
            { Pending: not null } => (LockResult.Updated, lease),
            _ => (LockResult.Updated, lease with { Pending = new PendingRequest(kind, adminId, adminName, now, now + settings.ControlRequestTimeout) }),
        });

    /// <summary>
    /// The holder (or the deadline) grants the pending request of <paramref name="kind"/>; with
    /// <paramref name="only"/>, only if that very request is still the pending one.
    /// </summary>
    public LockOutcome Approve(Guid appointmentId, Guid userId, RequestKind kind, PendingRequest? only = null) =>
        Change(appointmentId, userId, holderOnly: true, (lease, now) => lease.Pending?.Kind != kind || (only is not null && !ReferenceEquals(lease.Pending, only))
            ? (LockResult.NoPendingRequest, lease)
            : kind == RequestKind.ForceRelease
                ? (LockResult.Released, null)
                : (LockResult.Transferred, Grant(appointmentId, lease.Pending.RequestedBy, lease.Pending.RequestedByName, now, lease.IndexedAt)));

    /// <summary>The holder turns the pending request down and keeps the lock.</summary>
    public LockOutcome Reject(Guid appointmentId, Guid userId) =>
        Change(appointmentId, userId, holderOnly: true, (lease, _) => lease.Pending is null
            ? (LockResult.NoPendingRequest, lease)
            : (LockResult.Updated, lease with { Pending = null }));
}
