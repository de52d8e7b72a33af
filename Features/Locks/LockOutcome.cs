namespace Locking.Features.Locks;

public enum LockResult
{
    /// <summary>A new lease was granted (a free lock, or one whose lease had expired).</summary>
    Granted,
    /// <summary>The holder's own lease was renewed or changed in place.</summary>
    Updated,
    /// <summary>The lease ended.</summary>
    Released,
    /// <summary>The lease moved to another user with a new token.</summary>
    Transferred,
    Held,
    NoLock,
    NotHolder,
    NoPendingRequest,
    AlreadyHolder,
    /// <summary>Another admin's request is waiting for an answer.</summary>
    RequestPending,
}

/// <summary>What a lease-table operation did: the lease now, and the one it replaced or ended.</summary>
public readonly record struct LockOutcome(LockResult Result, Lease? Current, Lease? Previous = null)
{
    public bool Succeeded => Result is LockResult.Granted or LockResult.Updated or LockResult.Released or LockResult.Transferred;
}
