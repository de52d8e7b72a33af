using System.Net.Http.Json;
using Locking.Features.Locks;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.Playwright;
using static Locking.Tests.BrowserApp.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace Locking.Tests.BrowserApp;

/// <summary>One person, two pages on the same appointment: the last one open keeps editing.</summary>
public sealed partial class EditorBrowserTests
{
    [Fact]
    public async Task ClosingASecondTabOnTheSameAppointment_LeavesTheFirstEditing()
    {
        var staff = await App.ClientFor(Role.Staff);
        var title = $"Two tabs {Guid.NewGuid():N}"[..18];
        var appointment = await staff.CreateAppointmentAsync(title, DateTimeOffset.UtcNow.AddDays(3));
        var first = await browser.SignedInAtAsync(staff, $"/appointments/{appointment.Id}");
        await Expect(first.GetByText("You are editing")).ToBeVisibleAsync();

        var second = await first.Context.NewPageAsync();
        await second.GotoAsync($"{browser.App.BaseUrl}/appointments/{appointment.Id}");
        await SignInAsync(second, staff.Email);
        await Expect(second.GetByText("You are editing")).ToBeVisibleAsync();
        var released = first.WaitForResponseAsync(r => r.Url.EndsWith("/acquire-lock", StringComparison.Ordinal) && r.Status == 200);
        await second.CloseAsync(new() { RunBeforeUnload = true });

        // The second page's release reaches the service; the first takes the lock straight back.
        await released;
        await Expect(first.GetByText("You are editing")).ToBeVisibleAsync();
        await Expect(first.GetByLabel("Title")).ToBeEditableAsync();
        var status = await staff.Client.GetFromJsonAsync<LockStatus>($"/api/appointments/{appointment.Id}/lock-status");
        Assert.Equal(staff.Id, status!.Lock!.LockedBy);
        await first.Context.CloseAsync();
    }
}
