using Locking.Infrastructure.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Locking.Features.Locks;

/// <summary>Turns lease changes into the hub events of API.md, posted to the outbox.</summary>
internal sealed class LockAnnouncer(HubOutbox outbox, HubConnections connections, LockWatchers watchers)
{
    public static string Group(Guid appointmentId) => $"appointment:{appointmentId}";

    public void Acquired(Lease lease, Lease? expired)
    {
        if (expired is not null)
        {
            Released(expired, expired.HolderId, expired.Disconnected ? "disconnected" : "expired", update: false);
        }
        Send(lease.AppointmentId, "lock-acquired", new { appointmentId = lease.AppointmentId, @lock = LockView.Of(lease) });
        Update(lease.AppointmentId, lease);
    }

    public void Released(Lease ended, Guid releasedBy, string reason, bool update = true)
    {
        Send(ended.AppointmentId, "lock-released", new { appointmentId = ended.AppointmentId, releasedBy, reason });
        if (update)
        {
            Update(ended.AppointmentId, null);
        }
    }

    public void ForceReleased(Lease ended, Guid adminId, string adminName)
    {
        Released(ended, adminId, "forced", update: false);
        Takeover(ended.AppointmentId, adminId, adminName, ended.HolderId);
        Update(ended.AppointmentId, null);
    }

    public void TakenOver(Lease lease, Lease? previous)
    {
        if (previous is not null && previous.HolderId != lease.HolderId)
        {
            Send(lease.AppointmentId, "lock-released", new { appointmentId = lease.AppointmentId, releasedBy = lease.HolderId, reason = "transferred" });
        }
        Takeover(lease.AppointmentId, lease.HolderId, lease.HolderName, previous?.HolderId);
        Send(lease.AppointmentId, "lock-acquired", new { appointmentId = lease.AppointmentId, @lock = LockView.Of(lease) });
        Update(lease.AppointmentId, lease);
    }

    public void Update(Guid appointmentId, Lease? lease)
    {
        var status = LockStatus.Of(appointmentId, lease);
        outbox.Post(async c =>
        {
            // Read when sent: the admins watching every lock hear it once, through their own group.
            var watching = watchers.Snapshot;
            if (watching.Count == 0)
            {
                await c.Group(Group(appointmentId)).SendAsync("lock-update", status);
                return;
            }
            await c.GroupExcept(Group(appointmentId), watching).SendAsync("lock-update", status);
            await c.Group(LockWatchers.Group).SendAsync("lock-update", status);
        });
    }

    public void RequestPlaced(Lease lease)
    {
        var pending = lease.Pending!;
        var name = pending.Kind == RequestKind.Control ? "request-control" : "force-release-lock-request";
        var payload = new { appointmentId = lease.AppointmentId, requestedBy = pending.RequestedBy, requestedByName = pending.RequestedByName, deadline = pending.Deadline };
        outbox.Post(c => c.Group(HubGroups.User(lease.HolderId)).SendAsync(name, payload));
        Update(lease.AppointmentId, lease);
    }

    /// <summary>A request granted by the holder, or by its deadline when <paramref name="auto"/>.</summary>
    public void RequestGranted(Lease previous, Lease? next, bool auto)
    {
        var pending = previous.Pending!;
        var id = previous.AppointmentId;
        if (pending.Kind == RequestKind.Control)
        {
            Send(id, "lock-released", new { appointmentId = id, releasedBy = previous.HolderId, reason = "transferred" });
            Send(id, "lock-acquired", new { appointmentId = id, @lock = LockView.Of(next!) });
            var approved = new { appointmentId = id, @lock = LockView.Of(next!), auto };
            outbox.Post(c => c.Group(HubGroups.User(pending.RequestedBy)).SendAsync("request-control-approved", approved));
        }
        else
        {
            Send(id, "lock-released", new { appointmentId = id, releasedBy = auto ? pending.RequestedBy : previous.HolderId, reason = "forced" });
            var approved = new { appointmentId = id, @lock = (LockView?)null, auto };
            outbox.Post(c => c.Group(HubGroups.User(pending.RequestedBy)).SendAsync("force-release-lock-approved", approved));
        }
        Update(id, next);
    }

    public void RequestRejected(Lease previous, Lease current)
    {
        var payload = new { appointmentId = current.AppointmentId, @lock = LockView.Of(current), auto = false };
        outbox.Post(c => c.Group(HubGroups.User(previous.Pending!.RequestedBy)).SendAsync("request-control-rejected", payload));
        Update(current.AppointmentId, current);
    }

    /// <summary>A collaborator's cursor, through the outbox (POST update-position).</summary>
    public void Cursor(Guid appointmentId, Guid userId, string userName, object? position, DateTimeOffset at)
    {
        var send = CursorSender(appointmentId, userId, userName, position, at);
        outbox.Post(send);
    }

    /// <summary>
    /// The one way a cursor goes out: to everyone in the appointment except the sender's own connections.
    /// The outbox runs it for HTTP; the hub's cursor-position awaits it, so it leaves before the invocation completes.
    /// </summary>
    public Func<IHubClients<IClientProxy>, Task> CursorSender(Guid appointmentId, Guid userId, string userName, object? position, DateTimeOffset at)
    {
        var except = connections.Of(userId);
        var payload = new { appointmentId, userId, userName, position, at };
        return c => c.GroupExcept(Group(appointmentId), except).SendAsync("cursor-update", payload);
    }

    /// <summary>Who is viewing the appointment now, to everyone viewing it.</summary>
    public void Presence(PresenceUpdate update) =>
        outbox.Post(c => c.Group(Group(update.AppointmentId)).SendAsync("presence-update", update));

    private void Takeover(Guid appointmentId, Guid adminId, string adminName, Guid? previousHolderId) =>
        Send(appointmentId, "admin-takeover", new { appointmentId, adminId, adminName, previousHolderId });

    private void Send(Guid appointmentId, string name, object payload) =>
        outbox.Post(c => c.Group(Group(appointmentId)).SendAsync(name, payload));
}
