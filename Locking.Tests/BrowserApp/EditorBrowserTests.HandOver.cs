using Locking.Features.Appointments;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.Playwright;
using static Locking.Tests.BrowserApp.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace Locking.Tests.BrowserApp;

/// <summary>Hand-over in the browser: an admin asks, the holder answers in the dialog (or the deadline does), or the admin takes over.</summary>
public sealed partial class EditorBrowserTests
{
    [Fact]
    public async Task AdminRequestsControl_HolderApprovesInTheDialog_AdminsFormBecomesEditable()
    {
        var (holder, admin, staff, adminUser) = await HeldAndWatchedByAnAdminAsync();

        await admin.GetByRole(AriaRole.Button, new() { Name = "Request control" }).ClickAsync();
        await Expect(admin.GetByText($"Waiting for {staff.Name} to answer your request for control.")).ToBeVisibleAsync();
        var dialog = holder.GetByRole(AriaRole.Dialog, new() { Name = $"{adminUser.Name} asks for control" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Granted automatically in");
        await AssertAccessibleAsync(holder, "holder with the request dialog open");
        await Screenshots.SaveAsync(holder, "request-control-dialog.png");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(admin.GetByTestId("handover-outcome")).ToHaveTextAsync($"{staff.Name} approved your request. You are editing now.");
        await Expect(admin.GetByLabel("Title")).ToBeEditableAsync();
        await Expect(LockedBanner(holder, adminUser.Name)).ToBeVisibleAsync();
        await Expect(holder.GetByRole(AriaRole.Alert).Filter(new() { HasText = $"You handed the edit lock to {adminUser.Name}." }))
            .ToContainTextAsync("kept in this browser");
        await holder.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task AdminRequestsControl_HolderRejects_AdminIsToldAndTheHolderKeepsEditing()
    {
        var (holder, admin, staff, adminUser) = await HeldAndWatchedByAnAdminAsync();

        await admin.GetByRole(AriaRole.Button, new() { Name = "Request control" }).ClickAsync();
        var dialog = holder.GetByRole(AriaRole.Dialog, new() { Name = $"{adminUser.Name} asks for control" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(admin.GetByTestId("handover-outcome")).ToHaveTextAsync($"{staff.Name} declined your request for control.");
        await Expect(admin.GetByLabel("Title")).Not.ToBeEditableAsync();
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Request control" })).ToBeEnabledAsync();
        await Expect(holder.GetByLabel("Note")).ToBeEditableAsync();
        await Expect(holder.GetByLabel("Note")).ToHaveValueAsync("Half a sentence");
        await holder.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task AdminRequestsRelease_HolderApproves_TheLockEnds_AndTheAdminCanEdit()
    {
        var (holder, admin, staff, adminUser) = await HeldAndWatchedByAnAdminAsync();

        await admin.GetByRole(AriaRole.Button, new() { Name = "Request release" }).ClickAsync();
        await Expect(admin.GetByText($"Waiting for {staff.Name} to answer your request to release the lock.")).ToBeVisibleAsync();
        var dialog = holder.GetByRole(AriaRole.Dialog, new() { Name = $"{adminUser.Name} asks you to release the lock" });
        await Expect(dialog).ToContainTextAsync("Released automatically in");
        // Keyboard only: the dialog opens on its heading (an Enter typed a moment ago answers
        // nothing); Tab reaches Approve, then Reject, and back.
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToBeFocusedAsync();
        await holder.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToBeVisibleAsync();
        var approve = dialog.GetByRole(AriaRole.Button, new() { Name = "Approve" });
        await holder.Keyboard.PressAsync("Tab");
        await Expect(approve).ToBeFocusedAsync();
        await holder.Keyboard.PressAsync("Tab");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Reject" })).ToBeFocusedAsync();
        await holder.Keyboard.PressAsync("Shift+Tab");
        await Expect(approve).ToBeFocusedAsync();
        await holder.Keyboard.PressAsync("Enter");

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(admin.GetByTestId("handover-outcome")).ToHaveTextAsync($"{staff.Name} released the lock.");
        await Expect(holder.GetByText("Nobody is editing this appointment.")).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Expect(admin.GetByLabel("Title")).ToBeEditableAsync();
        await holder.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task AdminRequestsControl_NobodyAnswers_ItIsGrantedAutomaticallyAtTheDeadline()
    {
        var (holder, admin, staff, adminUser) = await HeldAndWatchedByAnAdminAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Request control" }).ClickAsync();
        var dialog = holder.GetByRole(AriaRole.Dialog, new() { Name = $"{adminUser.Name} asks for control" });
        await Expect(dialog).ToBeVisibleAsync();

        App.Clock.Advance(TimeSpan.FromSeconds(61)); // past Locks:ControlRequestTimeoutSeconds

        await Expect(admin.GetByTestId("handover-outcome")).ToHaveTextAsync(
            $"{staff.Name} did not answer in time, so control was granted to you automatically.");
        await Expect(admin.GetByLabel("Title")).ToBeEditableAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(LockedBanner(holder, adminUser.Name)).ToBeVisibleAsync();
        await Expect(holder.GetByRole(AriaRole.Alert).Filter(new() { HasText = "has the edit lock now" }))
            .ToContainTextAsync($"{adminUser.Name} has the edit lock now: their request was not answered in time.");
        await holder.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task TakeoverWhileTheHolderTypes_KeepsTheDraft_ThroughAReload_AndRestoresItOverTheAdminsSave()
    {
        var (holder, admin, staff, _) = await HeldAndWatchedByAnAdminAsync();

        await admin.GetByRole(AriaRole.Button, new() { Name = "Take over" }).ClickAsync();

        var lost = holder.GetByRole(AriaRole.Alert).Filter(new() { HasText = "has taken over editing" });
        await Expect(lost).ToContainTextAsync("Your unsaved changes are kept in this browser");
        await Expect(holder.GetByLabel("Note")).Not.ToBeEditableAsync();
        await Expect(admin.GetByLabel("Title")).ToBeEditableAsync();
        await admin.GetByLabel("Title").FillAsync("Moved by the admin");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin.GetByText("Saved. This is version 2.")).ToBeVisibleAsync();
        await Expect(holder.GetByLabel("Title")).ToHaveValueAsync("Moved by the admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "← All appointments" }).ClickAsync();

        // The draft is in the browser's storage: it survives a reload, and comes back with the lock.
        await holder.ReloadAsync();
        await Expect(holder.GetByText("You are editing")).ToBeVisibleAsync();
        var offer = holder.GetByRole(AriaRole.Region, new() { Name = "Unsaved changes" });
        await Expect(offer).ToContainTextAsync("made on version 1 (this is version 2): Note.");
        await Expect(holder.GetByLabel("Note")).Not.ToBeEditableAsync(); // until restored or discarded: nothing typed now is lost
        await offer.GetByRole(AriaRole.Button, new() { Name = "Restore my changes" }).ClickAsync();

        await Expect(holder.GetByLabel("Note")).ToHaveValueAsync("Half a sentence");
        await Expect(holder.GetByLabel("Title")).ToHaveValueAsync("Moved by the admin");
        await holder.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(holder.GetByText("Saved. This is version 3.")).ToBeVisibleAsync();
        var stored = await (await staff.Client.GetAsync($"/api/appointments/{holder.Url.Split('/')[^1]}")).ReadAsync<AppointmentView>();
        Assert.Equal(("Moved by the admin", "Half a sentence", 3L), (stored.Title, stored.Note, stored.Version));
        await holder.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    /// <summary>A staff member editing (with half a sentence typed in Note) while an admin has the page open.</summary>
    private async Task<(IPage Holder, IPage Admin, TestUser Staff, TestUser AdminUser)> HeldAndWatchedByAnAdminAsync()
    {
        var staff = await App.ClientFor(Role.Staff);
        var adminUser = await App.ClientFor(Role.Admin);
        var appointment = await staff.CreateAppointmentAsync($"Hand-over {Guid.NewGuid():N}"[..19], DateTimeOffset.UtcNow.AddDays(2));
        var holder = await browser.SignedInAtAsync(staff, $"/appointments/{appointment.Id}");
        await Expect(holder.GetByLabel("Note")).ToBeEditableAsync();
        await holder.GetByLabel("Note").FillAsync("Half a sentence");
        await Expect(holder.GetByText("Unsaved changes")).ToBeVisibleAsync();
        var admin = await browser.SignedInAtAsync(adminUser, $"/appointments/{appointment.Id}");
        await Expect(LockedBanner(admin, staff.Name)).ToBeVisibleAsync();
        return (holder, admin, staff, adminUser);
    }
}
