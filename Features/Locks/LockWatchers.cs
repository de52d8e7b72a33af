namespace Locking.Features.Locks;

/// <summary>
/// The admin connections following every appointment's <c>lock-update</c> (<c>subscribe-locks</c>,
/// the live locks page). SignalR sends once per group a connection is in, so a watcher that also
/// subscribed to one appointment is left out of that appointment's send and hears it once, through
/// <see cref="Group"/>. A connection joins the group before it is listed here and is unlisted
/// before it leaves: in between it may hear an update twice, never not at all.
/// </summary>
internal sealed class LockWatchers
{
    public const string Group = "locks:all";

    private readonly Lock gate = new();
    private string[] connections = [];

    /// <summary>The watching connections now: one read, no lock, for every lock-update sent.</summary>
    public IReadOnlyList<string> Snapshot => Volatile.Read(ref connections);

    public void Add(string connectionId)
    {
        lock (gate)
        {
            if (!connections.Contains(connectionId))
            {
                Volatile.Write(ref connections, [.. connections, connectionId]);
            }
        }
    }

    public void Remove(string connectionId)
    {
        lock (gate)
        {
            if (connections.Contains(connectionId))
            {
                Volatile.Write(ref connections, connections.Where(c => c != connectionId).ToArray());
            }
        }
    }
}
