namespace Locking.Features.Locks;

/// <summary>
/// What a lock can be taken on, as the lock routes see it: the appointments, by id, with their
/// current version. The Appointments area provides it; Locks knows nothing else of appointments.
/// </summary>
public interface ILockTargets
{
    /// <returns>False when there is no such appointment (never created, or deleted).</returns>
    bool TryGetVersion(Guid id, out long version);
}
