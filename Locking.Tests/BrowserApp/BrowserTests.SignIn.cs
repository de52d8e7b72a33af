using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.Playwright;
using static Locking.Tests.BrowserApp.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace Locking.Tests.BrowserApp;

/// <summary>Signing in: demo accounts in Development only, and back to sign-in when the token expires.</summary>
public sealed partial class BrowserTests
{
    [Fact]
    public async Task TokenExpiry_NextCallReturnsToSignIn_WithASentence()
    {
        // Its own app: moving this clock an hour must not expire other tests' sessions.
        using var app = BrowserLockingApp.Start();
        var staff = await app.ClientFor(Role.Staff);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/");
        await SignInAsync(page, staff.Email);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Appointments", Exact = true })).ToBeVisibleAsync();

        // The service's clock passes the token's end; the browser's own clock does not know.
        // The next call the page makes (here the reload's check of the stored session) gets a 401.
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await page.ReloadAsync();

        await Expect(page.GetByText("Your session has expired. Please sign in again to carry on.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Email")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Development_ListsDemoAccounts_OneClickFillsTheForm()
    {
        using var app = BrowserLockingApp.Start(new Dictionary<string, string?> { ["Seed:Demo"] = "true" }, "Development");
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/");

        await page.GetByRole(AriaRole.Button, new() { Name = "staff1@example.com" }).ClickAsync();

        await Expect(page.GetByLabel("Email")).ToHaveValueAsync("staff1@example.com");
        await Expect(page.GetByLabel("Password")).ToHaveValueAsync("Passw0rd!");
        await Screenshots.SaveAsync(page, "sign-in.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Appointments", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("tbody tr").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "appointments.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OutsideDevelopment_NoDemoAccountsAreListed()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Demo accounts")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ALongUnbrokenTitle_WrapsOnAPhone_InTheListAndTheEditor()
    {
        var staff = await App.ClientFor(Role.Staff);
        var title = "Unbroken" + new string('x', 170) + Guid.NewGuid().ToString("N")[..20];
        var appointment = await staff.CreateAppointmentAsync(title, DateTimeOffset.UtcNow.AddDays(3));
        var page = await browser.SignedInAtAsync(staff, "/", 390, 844);
        await SearchAsync(page, title[^20..]);
        await Expect(Row(page, title[^20..])).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the list is wider than the phone");
        await page.GotoAsync($"{BaseUrl}/appointments/{appointment.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the editor is wider than the phone");
        await page.Context.CloseAsync();
    }
}
