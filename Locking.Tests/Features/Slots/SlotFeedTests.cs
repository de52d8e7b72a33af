using Locking.Features.Slots;

namespace Locking.Tests.Features.Slots;

public sealed class SlotFeedTests
{
    [Fact]
    public void Subscribe_TheSameDoctorTenThousandTimes_JoinsOneGroupOnce_AndKeepsOneDoctor()
    {
        var feed = new SlotFeed(SlotAudience.Staff);
        var doctor = Guid.NewGuid();

        Assert.Equal([SlotGroups.Of(doctor)], feed.Subscribe(doctor).Join);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.Same(SlotFeedChange.None, feed.Subscribe(doctor));
        }
        Assert.Equal(1, feed.DoctorCount);
    }

    [Fact]
    public void AtTheCap_ANewDoctorIsRefused_AndEachDoctorChangeStillMovesOneGroup()
    {
        var feed = new SlotFeed(SlotAudience.Patients);
        var doctors = Enumerable.Range(0, SlotFeed.MaxDoctors).Select(_ => Guid.NewGuid()).ToList();
        foreach (var doctor in doctors)
        {
            var change = feed.Subscribe(doctor);
            Assert.Equal([SlotGroups.PatientsOf(doctor)], change.Join);
            Assert.Empty(change.Leave);
        }

        var refused = feed.Subscribe(Guid.NewGuid());
        Assert.Equal(SlotFeed.TooMany, refused.Refusal);
        Assert.Empty(refused.Join);
        Assert.Equal(SlotFeed.MaxDoctors, feed.DoctorCount);

        var left = feed.Unsubscribe(doctors[0]);
        Assert.Equal([SlotGroups.PatientsOf(doctors[0])], left.Leave);
        Assert.Empty(left.Join);
        Assert.Null(feed.Subscribe(Guid.NewGuid()).Refusal);
        Assert.Same(SlotFeedChange.None, feed.Unsubscribe(doctors[0]));
    }

    [Fact]
    public void FollowingAll_SwapsTheDoctorsGroupsForTheAllGroup_AndBack_WhileDoctorChangesMoveNothing()
    {
        var feed = new SlotFeed(SlotAudience.Staff);
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        feed.Subscribe(first);
        feed.Subscribe(second);
        string[] doctorGroups = [SlotGroups.Of(first), SlotGroups.Of(second)];

        var all = feed.Subscribe(null);
        Assert.Equal([SlotGroups.All], all.Join);
        Assert.Equal(doctorGroups.Order(), all.Leave.Order());
        Assert.Same(SlotFeedChange.None, feed.Subscribe(null));
        // Following all, a doctor is remembered but joins nothing.
        var third = Guid.NewGuid();
        Assert.Same(SlotFeedChange.None, feed.Subscribe(third));
        Assert.True(feed.Follows(Guid.NewGuid()));

        var back = feed.Unsubscribe(null);
        Assert.Equal([SlotGroups.All], back.Leave);
        Assert.Equal(doctorGroups.Append(SlotGroups.Of(third)).Order(), back.Join.Order());
        Assert.True(feed.Follows(third));
        Assert.False(feed.Follows(Guid.NewGuid()));
    }

    [Fact]
    public void Admins_JoinNoSlotGroup_TheAdminGroupAlreadyHearsEverySlot()
    {
        var feed = new SlotFeed(SlotAudience.Admin);
        var doctor = Guid.NewGuid();
        Assert.Empty(feed.Subscribe(doctor).Join);
        Assert.Empty(feed.Subscribe(null).Join);
        Assert.Empty(feed.Unsubscribe(null).Join);
        Assert.Equal(1, feed.DoctorCount);
    }
}
