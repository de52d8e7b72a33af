using System.Net.Http.Json;
using System.Text.Json;
using Locking.Features.Locks;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.Playwright;
using static Locking.Tests.BrowserApp.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace Locking.Tests.BrowserApp;

/// <summary>
/// The editor at /appointments/{id} in real Chromium: live locks, carets and presence, hand-over,
/// drafts that survive losing the lock, and version conflicts. Two people means two browser contexts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class EditorBrowserTests(BrowserFixture browser)
{
    private LockingApp App => browser.App;

    [Fact]
    public async Task Holder_EditsAndSaves_TheOtherReadsAlongWithCaretAndPresence_ThenEditsOnceItIsFree()
    {
        var staff1 = await App.ClientFor(Role.Staff);
        var staff2 = await App.ClientFor(Role.Staff);
        var title = $"Shared edit {Guid.NewGuid():N}"[..21];
        var appointment = await staff1.CreateAppointmentAsync(title, DateTimeOffset.UtcNow.AddDays(2));

        var holder = await browser.SignedInAtAsync(staff1, $"/appointments/{appointment.Id}");
        await Expect(holder.GetByText("You are editing")).ToBeVisibleAsync();
        await Expect(holder.GetByLabel("Title")).ToBeEditableAsync();

        var reader = await browser.SignedInAtAsync(staff2, $"/appointments/{appointment.Id}");
        await Expect(LockedBanner(reader, staff1.Name)).ToBeVisibleAsync();
        await Expect(reader.GetByLabel("Title")).Not.ToBeEditableAsync();
        await Expect(reader.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToHaveCountAsync(0); // nothing to save from a read-only form
        await Expect(Viewers(reader)).ToContainTextAsync(staff1.Name);
        await Expect(Viewers(holder)).ToContainTextAsync(staff2.Name);

        // The holder types: the reader sees which field and where the caret is.
        await holder.GetByLabel("Note").ClickAsync();
        await holder.GetByLabel("Note").PressSequentiallyAsync("Bring X-rays");
        await Expect(reader.GetByTestId("remote-note")).ToHaveTextAsync($"{staff1.Name} is here");
        await Expect(reader.GetByTestId("remote-caret")).ToBeVisibleAsync();
        await Expect(reader.GetByText("Unsaved changes")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(reader, "editor, read-only for the reader");
        await Screenshots.SaveAsync(reader, "editor-locked.png");

        await holder.GetByLabel("Title").FillAsync(title + " (moved)");
        var lease = await staff1.Client.GetFromJsonAsync<LockStatus>($"/api/appointments/{appointment.Id}/lock-status");
        var put = await holder.RunAndWaitForRequestAsync(
            () => holder.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync(), r => r.Method == "PUT");
        using (var body = JsonDocument.Parse(put.PostData!))
        {
            // The write is fenced and versioned: the lease's token and the version the edit started from.
            Assert.Equal(lease!.Lock!.FencingToken, body.RootElement.GetProperty("fencingToken").GetInt64());
            Assert.Equal(1, body.RootElement.GetProperty("version").GetInt64());
        }
        await Expect(holder.GetByText("Saved. This is version 2.")).ToBeVisibleAsync();
        await Expect(reader.GetByLabel("Note")).ToHaveValueAsync("Bring X-rays");
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Name = title + " (moved)" })).ToBeVisibleAsync();
        await Expect(History(reader)).ToContainTextAsync($"{staff1.Name} updated version 2");
        await Expect(History(reader)).ToContainTextAsync("Note: (empty) → Bring X-rays");
        await AssertAccessibleAsync(holder, "editor, for the holder");
        await Screenshots.SaveAsync(holder, "editor.png");

        // Leaving the page releases the lock; the reader can edit then.
        await holder.GetByRole(AriaRole.Link, new() { Name = "← All appointments" }).ClickAsync();
        await Expect(reader.GetByText("Nobody is editing this appointment.")).ToBeVisibleAsync();
        await reader.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Expect(reader.GetByText("You are editing")).ToBeVisibleAsync();
        await Expect(reader.GetByLabel("Title")).ToBeEditableAsync();
        await Expect(reader.GetByLabel("Note")).ToHaveValueAsync("Bring X-rays");
        await holder.Context.CloseAsync();
        await reader.Context.CloseAsync();
    }

    [Fact]
    public async Task SigningOut_RemovesTheUsersDrafts_FromTheBrowser_AndSaysSo()
    {
        var staff = await App.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync($"Shared PC {Guid.NewGuid():N}"[..19], DateTimeOffset.UtcNow.AddDays(2));
        var page = await browser.SignedInAtAsync(staff, $"/appointments/{appointment.Id}");
        await Expect(page.GetByLabel("Note")).ToBeEditableAsync();
        await page.GetByLabel("Note").FillAsync("Patient details typed on a shared computer");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('locking.draft.')).length"));

        var release = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync(), r => r.Url.EndsWith("/release-lock", StringComparison.Ordinal));

        await Expect(page.GetByText("You have signed out. Unsaved changes to 1 appointment were removed from this browser.")).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('locking.draft.')).length"));
        // And the lock went with the session: released with the token it was taken with.
        Assert.Equal(204, release.Status);
        Assert.False((await staff.Client.GetFromJsonAsync<LockStatus>($"/api/appointments/{appointment.Id}/lock-status"))!.Locked);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task GainingTheLock_FieldsStayReadOnly_UntilTheVersionToEditIsLoaded()
    {
        var staff = await App.ClientFor(Role.Staff);
        var appointment = await staff.CreateAppointmentAsync($"Slow load {Guid.NewGuid():N}"[..19], DateTimeOffset.UtcNow.AddDays(2));
        var page = await browser.NewPageAsync();
        // The page reads the appointment to show it, then (holding the lock) the version to edit, and
        // again after the hub connects. Every read after the first is held back: what is typed
        // before the version to edit is in would be overwritten by it.
        var reads = 0;
        var release = new TaskCompletionSource();
        await page.RouteAsync($"**/api/appointments/{appointment.Id}", async route =>
        {
            if (route.Request.Method == "GET" && Interlocked.Increment(ref reads) >= 2)
            {
                await release.Task;
            }
            await route.ContinueAsync();
        });
        await page.GotoAsync($"{browser.App.BaseUrl}/appointments/{appointment.Id}");
        await SignInAsync(page, staff.Email);
        await Expect(page.GetByText("You are editing")).ToBeVisibleAsync();

        await Expect(page.GetByLabel("Note")).Not.ToBeEditableAsync();
        release.SetResult();
        await Expect(page.GetByLabel("Note")).ToBeEditableAsync();
        await page.GetByLabel("Note").FillAsync("Typed once it could be");
        await Expect(page.GetByLabel("Note")).ToHaveValueAsync("Typed once it could be");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task VersionConflict_SameUserInTwoTabs_ShowsWhatChanged_ReappliesOrReloads()
    {
        var staff = await App.ClientFor(Role.Staff);
        var title = $"Two tabs {Guid.NewGuid():N}"[..18];
        var appointment = await staff.CreateAppointmentAsync(title, DateTimeOffset.UtcNow.AddDays(3));
        var first = await browser.SignedInAtAsync(staff, $"/appointments/{appointment.Id}");
        var second = await browser.SignedInAtAsync(staff, $"/appointments/{appointment.Id}");
        await Expect(first.GetByText("You are editing")).ToBeVisibleAsync();
        await Expect(second.GetByText("You are editing")).ToBeVisibleAsync();

        await second.GetByLabel("Note").FillAsync("Typed in the second tab");
        await first.GetByLabel("Title").FillAsync("Saved from the first tab");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var conflict = second.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Version 2 was saved while you were editing" });
        await Expect(conflict).ToContainTextAsync($"Title: {title} → Saved from the first tab");
        await Expect(conflict).ToContainTextAsync("Your unsaved edits: Note.");
        await Screenshots.SaveAsync(second, "version-conflict.png");
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Re-apply my edits" }).ClickAsync();
        await Expect(second.GetByLabel("Title")).ToHaveValueAsync("Saved from the first tab");
        await Expect(second.GetByLabel("Note")).ToHaveValueAsync("Typed in the second tab");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(second.GetByText("Saved. This is version 3.")).ToBeVisibleAsync();

        // The first tab had nothing unsaved: it simply shows version 3. Now it has, and reloads instead.
        await Expect(first.GetByLabel("Note")).ToHaveValueAsync("Typed in the second tab");
        await first.GetByLabel("Description").FillAsync("Dropped on reload");
        await second.GetByLabel("Title").FillAsync("Version four");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var again = first.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Version 4 was saved while you were editing" });
        await again.GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();
        await Expect(first.GetByLabel("Title")).ToHaveValueAsync("Version four");
        await Expect(first.GetByLabel("Description")).ToHaveValueAsync("");
        await Expect(first.GetByText("Showing version 4. Your edits were dropped.")).ToBeVisibleAsync();
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    private static ILocator LockedBanner(IPage page, string holder) =>
        page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Locked by {holder} ·" });

    [Fact]
    public async Task AlsoViewing_ListsWhoHasTheAppointmentOpen_NotWhoSeesItInTheList()
    {
        var staff1 = await App.ClientFor(Role.Staff);
        var staff2 = await App.ClientFor(Role.Staff);
        var title = $"Presence {Guid.NewGuid():N}"[..17];
        var appointment = await staff1.CreateAppointmentAsync(title, DateTimeOffset.UtcNow.AddDays(2));
        var holder = await browser.SignedInAtAsync(staff1, $"/appointments/{appointment.Id}");
        await Expect(holder.GetByText("You are editing")).ToBeVisibleAsync();

        // staff2's list shows the appointment, its lock live: staff2 is not viewing it.
        var list = await browser.SignedInAtAsync(staff2, "/");
        await SearchAsync(list, title);
        await Expect(Row(list, title)).ToContainTextAsync($"Locked by {staff1.Name}");
        // Opening it lists staff2; going back to the list takes staff2 off again.
        await Row(list, title).GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(Viewers(holder)).ToContainTextAsync(staff2.Name);
        await list.GoBackAsync();
        await Expect(Row(list, title)).ToContainTextAsync($"Locked by {staff1.Name}");
        await Expect(Viewers(holder)).ToContainTextAsync("Nobody else.");
        await Expect(Viewers(holder)).Not.ToContainTextAsync(staff2.Name);
    }

    private static ILocator Viewers(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Also viewing" });

    private static ILocator History(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "History" });
}
