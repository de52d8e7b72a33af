using System.Text.Json;
using Locking.Features.Appointments;
using Locking.Features.Locks;
using Locking.Features.Slots;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Locking.Infrastructure.Realtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Locking.Features.Live;

/// <summary>
/// The real-time endpoint <c>/hubs/locking</c>. Every connection joins its user's group (and
/// <c>admin</c>, <c>editors</c> or its doctor's group). Group membership does not survive a
/// reconnect: clients subscribe again. Ids are taken as raw JSON (<see cref="HubArguments"/>), so a
/// malformed one is answered with a sentence.
/// </summary>
[Authorize]
internal sealed class LockingHub(
    HubConnections connections, SlotFeeds feeds, LeaseTable leases, LockAnnouncer announce, AppointmentStore appointments,
    AppointmentIndex index, Presence presence, LockWatchers watchers, TimeProvider clock) : Hub
{
    private const int InitialAppointments = 200;
    private const string AllDoctors = "every doctor's slots";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        var userId = user.UserId();
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.User(userId));
        if (user.IsAdmin())
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Admin);
        }
        if (user.Is(Role.Doctor) && user.DoctorId() is { } doctorId)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Doctor(doctorId));
        }
        if (user.IsEditor())
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Editors);
            var upcoming = await appointments.UpcomingAsync(clock.GetUtcNow(), InitialAppointments, CancellationToken.None);
            var items = upcoming.Select(a => WithLock(a, leases.Get(a.Id))).ToList();
            await Clients.Caller.SendAsync("init-appointments", new { items });
        }
        // Registered last: SignalR skips OnDisconnectedAsync when OnConnectedAsync throws, and a
        // registration nothing removes would keep the user's leases from ever seeing the disconnect.
        if (connections.Add(userId, Context.ConnectionId))
        {
            Announce(leases.MarkReconnected(userId));
        }
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        feeds.Remove(Context.ConnectionId);
        watchers.Remove(Context.ConnectionId);
        foreach (var update in presence.LeaveAll(Context.ConnectionId))
        {
            announce.Presence(update);
        }
        var userId = Context.User!.UserId();
        if (connections.Remove(userId, Context.ConnectionId))
        {
            Announce(leases.MarkDisconnected(userId));
            // A connection that arrived meanwhile keeps the leases alive.
            if (connections.IsConnected(userId))
            {
                Announce(leases.MarkReconnected(userId));
            }
        }
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Join an appointment's group as one of its viewers; the caller then gets its current <c>lock-update</c> and <c>presence-update</c>.</summary>
    [HubMethodName("subscribe")]
    public async Task Subscribe(JsonElement appointmentId)
    {
        var (id, announced) = await FollowAsync(appointmentId, listed: true);
        if (!announced)
        {
            // Nothing changed for the others; the caller still learns who is there.
            await Clients.Caller.SendAsync("presence-update", presence.Of(id));
        }
    }

    /// <summary>Like <c>subscribe</c>, but not listed as viewing it (a list page); the caller then gets its current <c>lock-update</c>.</summary>
    [HubMethodName("watch")]
    public Task Watch(JsonElement appointmentId) => FollowAsync(appointmentId, listed: false);

    /// <returns>The appointment, and whether the group heard a new viewer list (the caller included).</returns>
    private async Task<(Guid Id, bool Announced)> FollowAsync(JsonElement appointmentId, bool listed)
    {
        RequireEditor();
        var id = HubArguments.Id(appointmentId, nameof(appointmentId));
        var user = Context.User!;
        var changed = presence.Join(id, Context.ConnectionId, new Viewer(user.UserId(), user.UserName(), clock.GetUtcNow()), listed, out var refused);
        if (refused)
        {
            throw new HubException($"too_many_subscriptions: A connection views at most {Presence.MaxPerConnection} appointments at once; unsubscribe from one first.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, LockAnnouncer.Group(id));
        await Clients.Caller.SendAsync("lock-update", LockStatus.Of(id, leases.Get(id)));
        if (changed is not null)
        {
            announce.Presence(changed);
        }
        return (id, changed is not null);
    }

    [HubMethodName("unsubscribe")]
    public async Task Unsubscribe(JsonElement appointmentId)
    {
        var id = HubArguments.Id(appointmentId, nameof(appointmentId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LockAnnouncer.Group(id));
        if (presence.Leave(id, Context.ConnectionId) is { } left)
        {
            announce.Presence(left);
        }
    }

    /// <summary>Admins: every appointment's <c>lock-update</c>, for the live locks page (read <c>GET /api/locks</c> after this).</summary>
    [HubMethodName("subscribe-locks")]
    public async Task SubscribeLocks()
    {
        RequireAdmin();
        await Groups.AddToGroupAsync(Context.ConnectionId, LockWatchers.Group);
        watchers.Add(Context.ConnectionId);
    }

    [HubMethodName("unsubscribe-locks")]
    public async Task UnsubscribeLocks()
    {
        watchers.Remove(Context.ConnectionId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LockWatchers.Group);
    }

    /// <summary>Share the caller's cursor, like POST update-position; the holder's cursor also renews the lease.</summary>
    [HubMethodName("cursor-position")]
    public async Task CursorPosition(JsonElement appointmentId, CursorPosition position)
    {
        RequireEditor();
        var id = HubArguments.Id(appointmentId, nameof(appointmentId));
        var user = Context.User!;
        if (!index.TryGetVersion(id, out _))
        {
            throw new HubException($"not_found: No appointment {id}.");
        }
        if (RecordValidation.Errors(position) is { Count: > 0 } problems)
        {
            throw new HubException($"validation_failed: {string.Join(" ", problems)}");
        }
        leases.Touch(id, user.UserId());
        // Sent before this invocation completes (not via the outbox).
        await announce.CursorSender(id, user.UserId(), user.UserName(), position, clock.GetUtcNow())(Clients);
    }

    /// <summary>Slot and booking events for one doctor's slots, or for all slots when <paramref name="doctorId"/> is null.</summary>
    [HubMethodName("subscribe-slots")]
    public Task SubscribeSlots(JsonElement doctorId)
    {
        var id = HubArguments.IdOrNull(doctorId, nameof(doctorId), AllDoctors);
        return ChangeSlotFeedAsync(feed => feed.Subscribe(id));
    }

    [HubMethodName("unsubscribe-slots")]
    public Task UnsubscribeSlots(JsonElement doctorId)
    {
        var id = HubArguments.IdOrNull(doctorId, nameof(doctorId), AllDoctors);
        return ChangeSlotFeedAsync(feed => feed.Unsubscribe(id));
    }

    // Joins go first: a moment of double delivery while switching is better than a moment of none.
    private async Task ChangeSlotFeedAsync(Func<SlotFeed, SlotFeedChange> change)
    {
        var user = Context.User!;
        var audience = user.IsAdmin() ? SlotAudience.Admin : user.IsEditor() ? SlotAudience.Staff : SlotAudience.Patients;
        var changed = change(feeds.For(Context.ConnectionId, audience));
        if (changed.Refusal is { } refusal)
        {
            throw new HubException(refusal);
        }
        foreach (var group in changed.Join)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        }
        foreach (var group in changed.Leave)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
        }
    }

    public static AppointmentWithLock WithLock(AppointmentView appointment, Lease? lease) =>
        new(appointment, lease is not null, lease is null ? null : LockView.Of(lease));

    private void Announce(List<Lease> changed)
    {
        foreach (var lease in changed)
        {
            announce.Update(lease.AppointmentId, lease);
        }
    }

    private void RequireAdmin()
    {
        if (!Context.User!.IsAdmin())
        {
            throw new HubException("forbidden: Only admins follow every lock; subscribe to one appointment instead.");
        }
    }

    private void RequireEditor()
    {
        if (!Context.User!.IsEditor())
        {
            throw new HubException("forbidden: Only admin, staff and doctors edit appointments; patients follow slots with subscribe-slots.");
        }
    }
}
