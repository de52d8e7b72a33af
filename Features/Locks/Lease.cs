namespace Locking.Features.Locks;

public enum RequestKind
{
    Control,
    ForceRelease,
}

/// <summary>An admin's pending request to the holder; granted as if approved at <see cref="Deadline"/>.</summary>
public sealed record PendingRequest(RequestKind Kind, Guid RequestedBy, string RequestedByName, DateTimeOffset RequestedAt, DateTimeOffset Deadline);

/// <summary>
/// One holder's lease on one appointment. Immutable: every change builds a new lease and swaps
/// it into the table with a compare-and-swap against the one it was built from.
/// </summary>
public sealed record Lease(
    Guid AppointmentId,
    Guid HolderId,
    string HolderName,
    DateTimeOffset AcquiredAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset ExpiresAt,
    long FencingToken,
    PendingRequest? Pending = null,
    bool Disconnected = false)
{
    /// <summary>
    /// What a released lease leaves behind until the sweep drops it: a fresh object, free (always
    /// expired), remembering the last token and holder. Keeping the key means no grant can land in a
    /// slot that was emptied and refilled since it read it (ABA), which would let an older token
    /// follow a newer one; the sweep drops it only while no grant that found a key absent is in flight.
    /// </summary>
    /// <param name="indexedAt">The expiry index entry that stands for the key from now on.</param>
    public Lease Ended(long indexedAt) =>
        new(AppointmentId, HolderId, HolderName, default, default, DateTimeOffset.MinValue, FencingToken) { IsEnded = true, IndexedAt = indexedAt };

    /// <summary>An ended marker: the key's last holder and token, no lease.</summary>
    public bool IsEnded { get; private init; }

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>When the sweeper must look at this lease: its expiry, or an earlier request deadline.</summary>
    public DateTimeOffset DueAt => Pending is { } pending && pending.Deadline < ExpiresAt ? pending.Deadline : ExpiresAt;

    /// <summary>
    /// The second of the <see cref="ExpiryIndex"/> entry standing for this key, at or before
    /// <see cref="DueAt"/> on a live lease; <see cref="ExpiryIndex.None"/> when there is none.
    /// </summary>
    public long IndexedAt { get; init; } = ExpiryIndex.None;

    // Compare-and-swap means "the very lease I read": identity, not the record's field-wise equality.
    public bool Equals(Lease? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>Holder activity: the lease lives another <paramref name="ttl"/> from now.</summary>
    public Lease Touch(DateTimeOffset now, TimeSpan ttl) =>
        this with { LastActivityAt = now, ExpiresAt = now + ttl, Disconnected = false };
}

/// <summary>The <c>lock</c> object of API.md.</summary>
public sealed record LockView(
    Guid AppointmentId,
    Guid LockedBy,
    string LockedByName,
    DateTimeOffset AcquiredAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset ExpiresAt,
    long FencingToken,
    PendingRequestView? PendingRequest)
{
    public static LockView Of(Lease lease) => new(lease.AppointmentId, lease.HolderId, lease.HolderName, lease.AcquiredAt,
        lease.LastActivityAt, lease.ExpiresAt, lease.FencingToken, PendingRequestView.Of(lease.Pending));
}

public sealed record PendingRequestView(string Kind, Guid RequestedBy, string RequestedByName, DateTimeOffset RequestedAt, DateTimeOffset Deadline)
{
    public static PendingRequestView? Of(PendingRequest? pending) => pending is null
        ? null
        : new(pending.Kind == RequestKind.Control ? "control" : "force-release", pending.RequestedBy, pending.RequestedByName,
            pending.RequestedAt, pending.Deadline);
}

/// <summary><c>{appointmentId, locked, lock}</c>: the lock-status body and the lock-update event.</summary>
public sealed record LockStatus(Guid AppointmentId, bool Locked, LockView? Lock)
{
    public static LockStatus Of(Guid appointmentId, Lease? lease) =>
        new(appointmentId, lease is not null, lease is null ? null : LockView.Of(lease));
}
