using Locking.Infrastructure.Booking;

namespace Locking.Infrastructure.Realtime;

/// <summary>
/// One connection's slot subscriptions, kept so that it sits in at most one group that a slot
/// event goes to: SignalR sends a message once per group a connection is in, so following all
/// slots and one doctor's would otherwise deliver that doctor's events twice. While following all,
/// the connection leaves its doctors' groups (and rejoins them when it stops following all). Admins
/// get every slot event through the admin group, so their subscriptions join nothing.
/// </summary>
internal sealed class SlotFeed(bool viaAdminGroup)
{
    private readonly HashSet<Guid> doctors = [];
    private bool all;

    /// <summary>The slot groups the connection belongs in now.</summary>
    public IReadOnlySet<string> Groups => viaAdminGroup ? new HashSet<string>()
        : all ? new HashSet<string> { BookingAnnouncer.AllSlots }
        : doctors.Select(BookingAnnouncer.SlotsOf).ToHashSet();

    /// <summary>Follows one doctor's slots, or every slot when <paramref name="doctorId"/> is null.</summary>
    public void Subscribe(Guid? doctorId)
    {
        if (doctorId is { } id)
        {
            doctors.Add(id);
        }
        else
        {
            all = true;
        }
    }

    public void Unsubscribe(Guid? doctorId)
    {
        if (doctorId is { } id)
        {
            doctors.Remove(id);
        }
        else
        {
            all = false;
        }
    }
}
