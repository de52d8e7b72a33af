using System.Net;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Locks;

/// <summary>Presence: who has an appointment open, and watching without being listed.</summary>
public sealed partial class LiveLocksTests
{
    private static Guid[] ViewerIds(HubEvent presence) =>
        presence.Payload.GetProperty("viewers").EnumerateArray().Select(v => v.GetProperty("userId").GetGuid()).ToArray();

    [Fact]
    public async Task Presence_TellsEveryViewerWhoIsThere_AsPeopleSubscribeUnsubscribeAndDisconnect()
    {
        await using var app = new LockingApp();
        var staff1 = await app.ClientFor(Role.Staff);
        var staff2 = await app.ClientFor(Role.Staff);
        var doctor = await app.ClientFor(Role.Doctor);
        var appointment = await staff1.CreateAppointmentAsync();

        await using var first = await app.WatchAsync(staff1, appointment.Id);
        var alone = await first.WaitForAsync("presence-update");
        Assert.Equal([staff1.Id], ViewerIds(alone));
        Assert.Equal(staff1.Name, alone.Payload.GetProperty("viewers")[0].GetProperty("userName").GetString());
        Assert.Equal(app.Clock.GetUtcNow(), alone.Payload.GetProperty("viewers")[0].GetProperty("since").GetDateTimeOffset());

        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await using var second = await app.WatchAsync(staff2, appointment.Id);
        Assert.Equal([staff1.Id, staff2.Id], ViewerIds(await first.WaitForAsync("presence-update")));
        Assert.Equal([staff1.Id, staff2.Id], ViewerIds(await second.WaitForAsync("presence-update")));

        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var third = await app.WatchAsync(doctor, appointment.Id);
        Assert.Equal([staff1.Id, staff2.Id, doctor.Id], ViewerIds(await first.WaitForAsync("presence-update")));

        await second.InvokeAsync("unsubscribe", appointment.Id);
        Assert.Equal([staff1.Id, doctor.Id], ViewerIds(await first.WaitForAsync("presence-update")));

        await third.DisposeAsync();
        Assert.Equal([staff1.Id], ViewerIds(await first.WaitForAsync("presence-update")));
        // staff2 heard its own arrival and the doctor's, and nothing after its own unsubscribe.
        Assert.Equal(2, second.Received("presence-update").Count);
    }

    [Fact]
    public async Task Presence_ListsAUserOnce_AndASecondTabChangesNothingForTheOthers()
    {
        await using var app = new LockingApp();
        var staff1 = await app.ClientFor(Role.Staff);
        var staff2 = await app.ClientFor(Role.Staff);
        var appointment = await staff1.CreateAppointmentAsync();
        await using var watcher = await app.WatchAsync(staff2, appointment.Id);
        await watcher.WaitForAsync("presence-update");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await using var tab1 = await app.WatchAsync(staff1, appointment.Id);
        Assert.Equal([staff2.Id, staff1.Id], ViewerIds(await watcher.WaitForAsync("presence-update")));

        await using (var tab2 = await app.WatchAsync(staff1, appointment.Id))
        {
            // The second tab itself learns who is there; a repeated subscribe answers it again.
            Assert.Equal([staff2.Id, staff1.Id], ViewerIds(await tab2.WaitForAsync("presence-update")));
            await tab2.InvokeAsync("subscribe", appointment.Id);
            Assert.Equal([staff2.Id, staff1.Id], ViewerIds(await tab2.WaitForAsync("presence-update")));
        }
        // Closing one of two tabs leaves staff1 there: the next change anyone hears is staff1 leaving for good.
        await tab1.InvokeAsync("unsubscribe", appointment.Id);
        Assert.Equal([staff2.Id], ViewerIds(await watcher.WaitForAsync("presence-update")));
        // The watcher heard three lists: itself, staff1 arriving, staff1 leaving; the second tab added none.
        Assert.Equal(3, watcher.Received("presence-update").Count);
    }

    [Fact]
    public async Task Watch_FollowsTheLockWithoutBeingListed_AndSwitchesWithSubscribe()
    {
        await using var app = new LockingApp();
        var staff1 = await app.ClientFor(Role.Staff);
        var staff2 = await app.ClientFor(Role.Staff);
        var appointment = await staff1.CreateAppointmentAsync();
        await using var viewer = await app.WatchAsync(staff1, appointment.Id);
        Assert.Equal([staff1.Id], ViewerIds(await viewer.WaitForAsync("presence-update")));

        // A list page: the lock's state and its changes, but nobody hears of it.
        await using var list = await app.ConnectHubAsync(staff2);
        await list.InvokeAsync("watch", appointment.Id);
        Assert.False((await list.WaitForAsync("lock-update")).Payload.GetProperty("locked").GetBoolean());
        (await staff1.Client.PostAsync($"/api/appointments/{appointment.Id}/acquire-lock", null)).EnsureSuccessStatusCode();
        Assert.True((await list.WaitForAsync("lock-update")).Payload.GetProperty("locked").GetBoolean());

        // Opening it (subscribe) lists staff2; back to the list (watch) unlists it without leaving the group.
        await list.InvokeAsync("subscribe", appointment.Id);
        Assert.Equal([staff1.Id, staff2.Id], ViewerIds(await viewer.WaitForAsync("presence-update")));
        await list.InvokeAsync("watch", appointment.Id);
        Assert.Equal([staff1.Id], ViewerIds(await viewer.WaitForAsync("presence-update")));
        Assert.Equal(HttpStatusCode.NoContent, (await staff1.Client.DeleteAsync($"/api/appointments/{appointment.Id}/release-lock")).StatusCode);
        await list.WaitForAsync("lock-update", e => !e.GetProperty("locked").GetBoolean());
        await viewer.WaitForAsync("lock-update", e => !e.GetProperty("locked").GetBoolean());
        // The viewer heard itself, staff2 opening it and staff2 going back: the watches added nothing.
        Assert.Equal(3, viewer.Received("presence-update").Count);
    }

    [Fact]
    public void Presence_AWatcherLeavingOrClosing_ChangesNoList()
    {
        var presence = new Locking.Features.Locks.Presence();
        var appointment = Guid.NewGuid();
        var viewer = new Locking.Features.Locks.Viewer(Guid.NewGuid(), "Ann", DateTimeOffset.UnixEpoch);
        var watcher = viewer with { UserId = Guid.NewGuid(), UserName = "Bob" };
        Assert.NotNull(presence.Join(appointment, "a", viewer, listed: true, out _));
        Assert.Null(presence.Join(appointment, "b", watcher, listed: false, out _));
        Assert.Null(presence.Leave(appointment, "b"));
        Assert.Null(presence.Join(appointment, "b", watcher, listed: false, out _));
        Assert.Empty(presence.LeaveAll("b"));
        Assert.Equal(["Ann"], presence.Of(appointment).Viewers.Select(v => v.UserName));
        // A viewer that switches to watching leaves the list, and closing then changes nothing more.
        Assert.Empty(presence.Join(appointment, "a", viewer, listed: false, out _)!.Viewers);
        Assert.Empty(presence.LeaveAll("a"));
    }
}
