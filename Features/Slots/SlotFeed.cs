using System.Collections.Concurrent;

namespace Locking.Features.Slots;

/// <summary>Whom a connection's slot events are for: admins hear them through the admin group, patients without others' booking ids.</summary>
internal enum SlotAudience
{
    Admin,
    Staff,
    Patients,
}

/// <summary>
/// The groups slot events go to. Patients have groups of their own, whose <c>slot-locked</c> and
/// <c>slot-unlocked</c> carry no booking id: one patient never learns another's.
/// </summary>
internal static class SlotGroups
{
    public const string All = "slots:all";
    public const string PatientsAll = "slots:all:patients";
    public static string Of(Guid doctorId) => $"slots:{doctorId}";
    public static string PatientsOf(Guid doctorId) => $"slots:{doctorId}:patients";
}

/// <summary>What one subscribe or unsubscribe asks of the connection's groups, or why it was refused.</summary>
internal sealed record SlotFeedChange(IReadOnlyList<string> Join, IReadOnlyList<string> Leave, string? Refusal = null)
{
    public static readonly SlotFeedChange None = new([], []);
}

/// <summary>
/// One connection's slot subscriptions, kept so that it sits in at most one group that a slot
/// event goes to: SignalR sends a message once per group a connection is in, so following all
/// slots and one doctor's would otherwise deliver that doctor's events twice. While following all,
/// the connection leaves its doctors' groups (and rejoins them when it stops following all). Admins
/// get every slot event through the admin group, so their subscriptions join nothing.
/// A connection follows at most <see cref="MaxDoctors"/> doctors, and each change costs one group
/// at most, except switching "all" on or off, which moves the (capped) doctors' groups.
/// </summary>
internal sealed class SlotFeed(SlotAudience audience)
{
    /// <summary>Beyond this many doctors, a client follows every slot (null) instead.</summary>
    public const int MaxDoctors = 100;

    public static readonly string TooMany = $"too_many_subscriptions: A connection follows at most {MaxDoctors} doctors' slots; "
        + "unsubscribe-slots from one first, or subscribe-slots with null to follow every slot.";

    // Changed by the connection's invocations, read by the outbox pump (Follows).
    private readonly Lock gate = new();
    private readonly HashSet<Guid> doctors = [];
    private bool all;

    public SlotAudience Audience => audience;

    public int DoctorCount
    {
        get
        {
            lock (gate)
            {
                return doctors.Count;
            }
        }
    }

    /// <summary>Whether the doctor's slot events reach this connection.</summary>
    public bool Follows(Guid doctorId)
    {
        lock (gate)
        {
            return all || doctors.Contains(doctorId);
        }
    }

    /// <summary>Follows one doctor's slots, or every slot when <paramref name="doctorId"/> is null.</summary>
    public SlotFeedChange Subscribe(Guid? doctorId)
    {
        lock (gate)
        {
            if (doctorId is not { } id)
            {
                if (all)
                {
                    return SlotFeedChange.None;
                }
                all = true;
                return new SlotFeedChange(Join: AllGroup(), Leave: DoctorGroups());
            }
            if (doctors.Contains(id))
            {
                return SlotFeedChange.None;
            }
            if (doctors.Count >= MaxDoctors)
            {
                return new SlotFeedChange([], [], TooMany);
            }
            doctors.Add(id);
            return all ? SlotFeedChange.None : new SlotFeedChange(Join: DoctorGroup(id), Leave: []);
        }
    }

    public SlotFeedChange Unsubscribe(Guid? doctorId)
    {
        lock (gate)
        {
            if (doctorId is not { } id)
            {
                if (!all)
                {
                    return SlotFeedChange.None;
                }
                all = false;
                return new SlotFeedChange(Join: DoctorGroups(), Leave: AllGroup());
            }
            if (!doctors.Remove(id) || all)
            {
                return SlotFeedChange.None;
            }
            return new SlotFeedChange(Join: [], Leave: DoctorGroup(id));
        }
    }

    private string[] AllGroup() => audience switch
    {
        SlotAudience.Staff => [SlotGroups.All],
        SlotAudience.Patients => [SlotGroups.PatientsAll],
        _ => [],
    };

    private string[] DoctorGroup(Guid doctorId) => audience switch
    {
        SlotAudience.Staff => [SlotGroups.Of(doctorId)],
        SlotAudience.Patients => [SlotGroups.PatientsOf(doctorId)],
        _ => [],
    };

    private string[] DoctorGroups() => [.. doctors.SelectMany(DoctorGroup)];
}

/// <summary>Every open connection's slot feed, so that an event can tell which of a patient's connections follow it.</summary>
internal sealed class SlotFeeds
{
    private readonly ConcurrentDictionary<string, SlotFeed> byConnection = new();

    public SlotFeed For(string connectionId, SlotAudience audience) =>
        byConnection.GetOrAdd(connectionId, static (_, audience) => new SlotFeed(audience), audience);

    public void Remove(string connectionId) => byConnection.TryRemove(connectionId, out _);

    /// <summary>Those of <paramref name="connectionIds"/> that hear the doctor's slot events through a patients' group.</summary>
    public List<string> PatientsFollowing(IReadOnlyList<string> connectionIds, Guid doctorId) =>
        connectionIds.Where(id => byConnection.TryGetValue(id, out var feed)
            && feed.Audience == SlotAudience.Patients && feed.Follows(doctorId)).ToList();
}
