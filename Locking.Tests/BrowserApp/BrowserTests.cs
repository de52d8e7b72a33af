using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.Playwright;
using static Locking.Tests.BrowserApp.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace Locking.Tests.BrowserApp;

/// <summary>
/// The browser app in real Chromium, driven the way people use it: through labels, roles and
/// the text on screen. Waits are Playwright's expectations (they retry until true), never sleeps.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class BrowserTests(BrowserFixture browser)
{
    private LockingApp App => browser.App;
    private string BaseUrl => browser.App.BaseUrl;

    [Fact]
    public async Task SignIn_AsStaff_TypedIntoLabelledFields_ShowsTheAppointmentsList()
    {
        var staff = await App.ClientFor(Role.Staff);
        var title = $"Knee review {Guid.NewGuid():N}"[..20];
        await staff.CreateAppointmentAsync(title, DateTimeOffset.UtcNow.AddDays(3));
        var page = await browser.NewPageAsync();

        await page.GotoAsync(BaseUrl + "/");
        await SignInAsync(page, staff.Email);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Appointments", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText($"Signed in as {staff.Name}")).ToBeVisibleAsync();
        await SearchAsync(page, title);
        await Expect(Row(page, title).GetByText("Free")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSoInASentence()
    {
        var staff = await App.ClientFor(Role.Staff);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");

        await SignInAsync(page, staff.Email, "not-the-password");

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That email and password do not match an account.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TwoStaff_OneAcquires_TheOtherSeesLockedByBadge_ThenItsRelease()
    {
        var staff1 = await App.ClientFor(Role.Staff);
        var staff2 = await App.ClientFor(Role.Staff);
        var title = $"Shared visit {Guid.NewGuid():N}"[..22];
        var appointment = await staff1.CreateAppointmentAsync(title, DateTimeOffset.UtcNow.AddDays(2));
        var first = await SignedInListAsync(staff1, title);
        var second = await SignedInListAsync(staff2, title);

        await staff1.AcquireAsync(appointment.Id);

        await Expect(Row(second, title)).ToContainTextAsync($"Locked by {staff1.Name}");
        await Expect(Row(second, title)).ToContainTextAsync("min");
        await Expect(Row(first, title)).ToContainTextAsync("You are editing");
        await Expect(second.GetByTestId("announcer")).ToHaveTextAsync($"{staff1.Name} is now editing {title}.");
        await Screenshots.SaveAsync(second, "appointments-locked.png");

        (await staff1.Client.DeleteAsync($"/api/appointments/{appointment.Id}/release-lock")).EnsureSuccessStatusCode();

        await Expect(Row(second, title).GetByText("Free")).ToBeVisibleAsync();
        await Expect(Row(first, title).GetByText("Free")).ToBeVisibleAsync();
        await Expect(second.GetByTestId("announcer")).ToHaveTextAsync($"{title} is free to edit again.");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task DeepLink_ShowsTheAppointment_AndStillDoesAfterReload()
    {
        var staff = await App.ClientFor(Role.Staff);
        var title = $"Deep link {Guid.NewGuid():N}"[..18];
        var appointment = await staff.CreateAppointmentAsync(title, DateTimeOffset.UtcNow.AddDays(4));
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{BaseUrl}/appointments/{appointment.Id}");
        await SignInAsync(page, staff.Email);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();

        await page.ReloadAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(page.GetByText("You are editing")).ToBeVisibleAsync(); // the lock is taken again on the reloaded page
        Assert.EndsWith($"/appointments/{appointment.Id}", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CreateAppointment_FromTheForm_OpensIt()
    {
        var staff = await App.ClientFor(Role.Staff);
        var title = $"Typed visit {Guid.NewGuid():N}"[..20];
        var page = await SignedInListAsync(staff, null);

        await page.GetByRole(AriaRole.Link, new() { Name = "New appointment" }).First.ClickAsync();
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Patient name").FillAsync("Ada Lovelace");
        await page.GetByLabel("Date of birth").FillAsync("1985-03-14");
        await page.GetByLabel("Gender").SelectOptionAsync("female");
        await page.GetByLabel("Start", new() { Exact = true }).FillAsync("2030-05-06T09:00");
        await page.GetByLabel("End", new() { Exact = true }).FillAsync("2030-05-06T08:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create appointment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please check the form.");

        await page.GetByLabel("End", new() { Exact = true }).FillAsync("2030-05-06T09:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create appointment" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Patient name")).ToHaveValueAsync("Ada Lovelace");
        await Expect(page.GetByText("You are editing")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Axe_FindsNoSeriousOrCriticalViolations_OnSignInTheListNewAppointmentAndNotFound()
    {
        var staff = await App.ClientFor(Role.Staff);
        await staff.CreateAppointmentAsync($"Axe visit {Guid.NewGuid():N}"[..16], DateTimeOffset.UtcNow.AddDays(1));
        var page = await browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");
        await Expect(page.GetByLabel("Email")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "sign-in page");

        await SignInAsync(page, staff.Email);
        await Expect(page.Locator("tbody tr").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "appointments list");

        // The phone layout too: the table turns into cards.
        await page.SetViewportSizeAsync(390, 800);
        await AssertAccessibleAsync(page, "appointments list on a phone");

        await page.GetByRole(AriaRole.Link, new() { Name = "New appointment" }).First.ClickAsync();
        await Expect(page.GetByLabel("Title")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "new appointment on a phone");
        await page.GotoAsync(BaseUrl + "/no/such/page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "page not found");
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignedInListAsync(TestUser user, string? search)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");
        await SignInAsync(page, user.Email);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Appointments", Exact = true })).ToBeVisibleAsync();
        if (search is not null)
        {
            await SearchAsync(page, search);
            // "Free" only shows once the hub has answered the row's subscription.
            await Expect(Row(page, search).GetByText("Free")).ToBeVisibleAsync();
        }
        return page;
    }
}

/// <summary>Screenshots for the README, written into docs/screenshots of the source tree the tests were built from.</summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Locking.slnx")))
        {
            dir = dir.Parent;
        }
        if (dir is null)
        {
            return; // tests run from a copied output folder: nowhere to put them
        }
        var folder = Directory.CreateDirectory(Path.Combine(dir.FullName, "docs", "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder.FullName, name), FullPage = false });
    }
}
