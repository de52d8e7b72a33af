using System.Net.Http.Json;
using Locking.Features.Locks;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.Playwright;
using static Locking.Tests.BrowserApp.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace Locking.Tests.BrowserApp;

/// <summary>/admin/locks in real Chromium: every held lock arriving and leaving live, with force release and take over.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminLocksBrowserTests(BrowserFixture browser)
{
    private LockingApp App => browser.App;

    [Fact]
    public async Task LiveLocks_ShowLocksAndRequestsAsTheyHappen_ForceReleaseAndTakeOverFromThere()
    {
        var admin = await App.ClientFor(Role.Admin);
        var otherAdmin = await App.ClientFor(Role.Admin);
        var staff = await App.ClientFor(Role.Staff);
        var first = $"Locked visit {Guid.NewGuid():N}"[..22];
        var second = $"Other visit {Guid.NewGuid():N}"[..21];
        var one = await staff.CreateAppointmentAsync(first, DateTimeOffset.UtcNow.AddDays(2));
        var two = await staff.CreateAppointmentAsync(second, DateTimeOffset.UtcNow.AddDays(3));
        var page = await browser.SignedInAtAsync(admin, "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Live locks" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Live locks" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "held" })).ToBeVisibleAsync();

        await staff.AcquireAsync(one.Id);
        await Expect(Row(page, first)).ToContainTextAsync(staff.Name);
        await Expect(Row(page, first)).ToContainTextAsync("min");
        (await otherAdmin.Client.PostAsync($"/api/appointments/{one.Id}/request-control", null)).EnsureSuccessStatusCode();
        await Expect(Row(page, first)).ToContainTextAsync($"Control asked by {otherAdmin.Name}, granted in");
        await AssertAccessibleAsync(page, "live locks");
        await Screenshots.SaveAsync(page, "admin-locks.png");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Force release {first}" }).ClickAsync();
        await Expect(Row(page, first)).ToHaveCountAsync(0);
        var status = await staff.Client.GetFromJsonAsync<LockStatus>($"/api/appointments/{one.Id}/lock-status");
        Assert.False(status!.Locked);

        await staff.AcquireAsync(two.Id);
        // The phone layout: one card per lock.
        await page.SetViewportSizeAsync(390, 800);
        await Expect(Row(page, second)).ToContainTextAsync(staff.Name);
        await AssertAccessibleAsync(page, "live locks on a phone");

        // Taking over opens the editor, which keeps the lock alive and lets it go when done.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Take over {second}" }).ClickAsync();
        await Expect(page.GetByText("You are editing")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Title")).ToBeEditableAsync();
        status = await staff.Client.GetFromJsonAsync<LockStatus>($"/api/appointments/{two.Id}/lock-status");
        Assert.Equal(admin.Id, status!.Lock!.LockedBy);
        await page.Context.CloseAsync();
    }
}
