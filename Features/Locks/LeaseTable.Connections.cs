namespace Locking.Features.Locks;

/// <summary>A holder's hub connections coming and going: their leases found through the <see cref="HolderIndex"/>.</summary>
internal sealed partial class LeaseTable
{
    /// <summary>All of the holder's hub connections closed: their leases now end after the grace period.</summary>
    public List<Lease> MarkDisconnected(Guid userId) => ChangeAllOf(userId, lease => !lease.Disconnected,
        (lease, now) => lease with { Disconnected = true, ExpiresAt = Min(lease.ExpiresAt, now + settings.DisconnectGrace) });

    /// <summary>The holder is back within the grace period: their leases live by the TTL again.</summary>
    public List<Lease> MarkReconnected(Guid userId) => ChangeAllOf(userId, lease => lease.Disconnected,
        (lease, _) => lease with { Disconnected = false, ExpiresAt = lease.LastActivityAt + settings.Ttl });

    private List<Lease> ChangeAllOf(Guid userId, Func<Lease, bool> applies, Func<Lease, DateTimeOffset, Lease> change)
    {
        List<Lease> changed = [];
        foreach (var id in holders.Of(userId, id => leases.TryGetValue(id, out var lease) && lease.HolderId == userId))
        {
            if (leases.TryGetValue(id, out var lease) && lease.HolderId == userId && applies(lease))
            {
                var outcome = Change(id, userId, holderOnly: true,
                    (current, now) => applies(current) ? (LockResult.Updated, change(current, now)) : (LockResult.Held, current));
                if (outcome.Succeeded)
                {
                    changed.Add(outcome.Current!);
                }
            }
        }
        return changed;
    }
}
