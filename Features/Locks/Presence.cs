namespace Locking.Features.Locks;

/// <summary>Someone with an appointment open: one entry per user, however many of their connections view it.</summary>
public sealed record Viewer(Guid UserId, string UserName, DateTimeOffset Since);

/// <summary>The <c>presence-update</c> payload.</summary>
public sealed record PresenceUpdate(Guid AppointmentId, IReadOnlyList<Viewer> Viewers);

/// <summary>
/// Which connection follows which appointment, and who is viewing it: every connection that
/// <c>subscribe</c>d (a <c>watch</c>, from a list page, follows without being listed). A change
/// answers the new viewer list, or null when the list as others see it did not change (a second tab
/// of a user already viewing, a repeated subscribe, a watch), so nothing is sent for it.
/// </summary>
internal sealed class Presence
{
    /// <summary>Appointments one connection may follow at once: enough for any list page, and a bound on what a client can make the server hold.</summary>
    public const int MaxPerConnection = 500;

    private readonly Lock gate = new();
    private readonly Dictionary<Guid, Dictionary<string, Viewer>> viewing = [];
    /// <summary>Per connection, the appointments it follows, each with whether it is listed as viewing.</summary>
    private readonly Dictionary<string, Dictionary<Guid, bool>> byConnection = [];

    /// <summary>
    /// Follow an appointment, listed among its viewers or not (<paramref name="listed"/>); following it
    /// again the other way switches, without leaving.
    /// </summary>
    /// <returns>The new viewer list, null when unchanged; <paramref name="refused"/> when the connection follows too many.</returns>
    public PresenceUpdate? Join(Guid appointmentId, string connectionId, Viewer viewer, bool listed, out bool refused)
    {
        lock (gate)
        {
            refused = false;
            if (!byConnection.TryGetValue(connectionId, out var mine))
            {
                byConnection[connectionId] = mine = [];
            }
            if (mine.TryGetValue(appointmentId, out var wasListed))
            {
                if (wasListed == listed)
                {
                    return null;
                }
            }
            else if (mine.Count >= MaxPerConnection)
            {
                refused = true;
                return null;
            }
            mine[appointmentId] = listed;
            if (!listed)
            {
                return wasListed ? Drop(appointmentId, connectionId) : null;
            }
            if (!viewing.TryGetValue(appointmentId, out var viewers))
            {
                viewing[appointmentId] = viewers = [];
            }
            var before = Update(appointmentId, viewers);
            viewers[connectionId] = viewer;
            return Changed(before, Update(appointmentId, viewers));
        }
    }

    /// <returns>The new viewer list, or null when the connection was not viewing or the user still is elsewhere.</returns>
    public PresenceUpdate? Leave(Guid appointmentId, string connectionId)
    {
        lock (gate)
        {
            return byConnection.TryGetValue(connectionId, out var mine) && mine.Remove(appointmentId, out var listed) && listed
                ? Drop(appointmentId, connectionId)
                : null;
        }
    }

    /// <summary>A closed connection leaves everything it viewed; the updates for the lists that changed.</summary>
    public List<PresenceUpdate> LeaveAll(string connectionId)
    {
        lock (gate)
        {
            if (!byConnection.Remove(connectionId, out var mine))
            {
                return [];
            }
            return mine.Where(m => m.Value).Select(m => Drop(m.Key, connectionId)).OfType<PresenceUpdate>().ToList();
        }
    }

    /// <summary>The current viewers of an appointment (tests, and a caller re-reading).</summary>
    public PresenceUpdate Of(Guid appointmentId)
    {
        lock (gate)
        {
            return viewing.TryGetValue(appointmentId, out var viewers) ? Update(appointmentId, viewers) : new(appointmentId, []);
        }
    }

    private PresenceUpdate? Drop(Guid appointmentId, string connectionId)
    {
        var viewers = viewing[appointmentId];
        var before = Update(appointmentId, viewers);
        viewers.Remove(connectionId);
        if (viewers.Count == 0)
        {
            viewing.Remove(appointmentId);
        }
        return Changed(before, Update(appointmentId, viewers));
    }

    private static PresenceUpdate? Changed(PresenceUpdate before, PresenceUpdate after) =>
        before.Viewers.SequenceEqual(after.Viewers) ? null : after;

    private static PresenceUpdate Update(Guid appointmentId, Dictionary<string, Viewer> viewers) =>
        new(appointmentId, viewers.Values
            .GroupBy(v => v.UserId)
            .Select(g => g.MinBy(v => v.Since)!)
            .OrderBy(v => v.Since).ThenBy(v => v.UserName, StringComparer.Ordinal)
            .ToList());
}
