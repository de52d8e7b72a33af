using System.Text.RegularExpressions;
using Locking.Features.Catalog;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.Playwright;
using static Locking.Tests.BrowserApp.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace Locking.Tests.BrowserApp;

/// <summary>
/// The patient's booking page in Chromium: two patients in two browser contexts, each with their
/// own doctor and slots made for the test, so tests sharing the app never see each other's seats.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class BookingBrowserTests(BrowserFixture browser)
{
    private const string FullSentence = "That time has just been fully booked.";

    [Fact]
    public async Task TwoPatients_SeeTheSeatsDropLive_AsTheOtherHoldsAndBooks_AndCancellingFreesTheSeat()
    {
        var (doctor, specialty) = await DoctorAsync(browser.App, "Live");
        var start = browser.App.HoursFromNow(days: 2, hour: 9);
        await (await browser.App.ClientFor(Role.Admin)).CreateSlotAsync(doctor.Id, start, capacity: 3);
        var alice = await SignedInAsync(browser.App, await browser.App.ClientFor(Role.Patient));
        var bob = await SignedInAsync(browser.App, await browser.App.ClientFor(Role.Patient), width: 390, height: 844);
        Assert.EndsWith("/book", alice.Url, StringComparison.Ordinal);
        await ChooseAsync(alice, specialty, doctor.Name);
        await ChooseAsync(bob, specialty, doctor.Name);
        await Expect(Seats(alice, "09:00")).ToHaveTextAsync("3 seats left");
        await Expect(Seats(bob, "09:00")).ToHaveTextAsync("3 seats left");

        await Button(Slot(alice, "09:00"), "Hold").ClickAsync();

        await Expect(alice.GetByRole(AriaRole.Timer)).ToHaveTextAsync(HoldCountdown());
        await Expect(Slot(alice, "09:00")).ToContainTextAsync("Held by you");
        await Expect(Seats(bob, "09:00")).ToHaveTextAsync("2 seats left");
        await Expect(Announcer(bob)).ToContainTextAsync("2 seats left");

        await alice.GetByLabel("Reason").FillAsync("Knee pain after running");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Confirm booking" }).ClickAsync();

        await Expect(Announcer(alice)).ToContainTextAsync("Your booking is confirmed");
        await Expect(alice.GetByRole(AriaRole.Timer)).ToHaveCountAsync(0);
        var aliceBooking = Upcoming(alice).GetByRole(AriaRole.Listitem);
        await Expect(aliceBooking).ToContainTextAsync("Confirmed");
        await Expect(aliceBooking).ToContainTextAsync("Reason: Knee pain after running");

        await Button(Slot(bob, "09:00"), "Book now").ClickAsync();

        await Expect(Upcoming(bob).GetByRole(AriaRole.Listitem)).ToContainTextAsync("Confirmed");
        await Expect(Seats(alice, "09:00")).ToHaveTextAsync("1 seat left");
        await Expect(Seats(bob, "09:00")).ToHaveTextAsync("1 seat left");
        await Expect(Announcer(alice)).ToContainTextAsync("1 seat left");

        await Button(aliceBooking, "Cancel").ClickAsync();
        await Button(aliceBooking, "Yes, cancel booking").ClickAsync();

        await Expect(Announcer(alice)).ToContainTextAsync("Your booking is cancelled");
        await Expect(Upcoming(alice)).ToHaveCountAsync(0);
        await Expect(Seats(bob, "09:00")).ToHaveTextAsync("2 seats left");
        await Expect(Seats(alice, "09:00")).ToHaveTextAsync("2 seats left");
        await Expect(Button(Slot(alice, "09:00"), "Book now")).ToBeEnabledAsync();
        await alice.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task Hold_CountsDown_AndWhenTheServiceLetsItLapse_TheSeatComesBackAndThePageSaysSo()
    {
        // Its own app: the clock moves past the hold, which must not touch other tests' holds and leases.
        using var app = BrowserLockingApp.Start();
        var (doctor, specialty) = await DoctorAsync(app, "Lapse");
        await (await app.ClientFor(Role.Admin)).CreateSlotAsync(doctor.Id, app.HoursFromNow(days: 2, hour: 11), capacity: 1);
        var page = await SignedInAsync(app, await app.ClientFor(Role.Patient));
        await ChooseAsync(page, specialty, doctor.Name);

        await Button(Slot(page, "11:00"), "Hold").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Timer)).ToHaveTextAsync(HoldCountdown());
        await Expect(Seats(page, "11:00")).ToHaveTextAsync("Full");
        await Expect(Upcoming(page).GetByRole(AriaRole.Listitem)).ToContainTextAsync(new Regex(@"Held · [45]:\d\d left"));

        // The service's sweeper wakes on its clock and finds the hold past its deadline.
        app.Clock.Advance(TimeSpan.FromSeconds(301));

        await Expect(page.GetByRole(AriaRole.Main).GetByText("Your hold on the seat has run out")).ToBeVisibleAsync();
        await Expect(Announcer(page)).ToContainTextAsync("Your hold on the seat has run out");
        await Expect(page.GetByRole(AriaRole.Timer)).ToHaveCountAsync(0);
        await Expect(Seats(page, "11:00")).ToHaveTextAsync("1 seat left");
        await Expect(Button(Slot(page, "11:00"), "Hold")).ToBeEnabledAsync();
        await Expect(Upcoming(page)).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Axe_FindsNoSeriousOrCriticalViolations_OnTheBookingPage_OnADesktopAndAPhone()
    {
        var (doctor, specialty) = await DoctorAsync(browser.App, "Axe");
        var admin = await browser.App.ClientFor(Role.Admin);
        var day = browser.App.HoursFromNow(days: 4, hour: 9);
        await admin.CreateSlotAsync(doctor.Id, day, capacity: 3);
        await admin.CreateSlotAsync(doctor.Id, day.AddHours(1), capacity: 1);
        var full = await admin.CreateSlotAsync(doctor.Id, day.AddHours(2), capacity: 1);
        var off = await admin.CreateSlotAsync(doctor.Id, day.AddHours(3), capacity: 2);
        (await admin.Client.PutAsync($"/api/slots/{off.Id}/availability", System.Net.Http.Json.JsonContent.Create(new { isAvailable = false }))).EnsureSuccessStatusCode();
        var other = await browser.App.ClientFor(Role.Patient);
        (await other.Client.PostAsync($"/api/slots/{full.Id}/hold", null)).EnsureSuccessStatusCode();
        var page = await SignedInAsync(browser.App, await browser.App.ClientFor(Role.Patient));
        await ChooseAsync(page, specialty, doctor.Name);
        await Expect(Seats(page, "11:00")).ToHaveTextAsync("Full");
        await Expect(Seats(page, "12:00")).ToHaveTextAsync("Unavailable");
        await Expect(Button(Slot(page, "12:00"), "Hold")).ToBeDisabledAsync();
        await Button(Slot(page, "10:00"), "Book now").ClickAsync();
        await Expect(Upcoming(page).GetByRole(AriaRole.Listitem)).ToContainTextAsync("Confirmed");
        await Button(Slot(page, "09:00"), "Hold").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Timer)).ToHaveTextAsync(HoldCountdown());

        await AssertAccessibleAsync(page, "booking page");
        await Screenshots.SaveAsync(page, "book.png");
        await page.SetViewportSizeAsync(390, 844);
        await AssertAccessibleAsync(page, "booking page on a phone");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ASpecialtyWithoutDoctorsAndADoctorWithoutTimes_AreSaidInWords_AndAPatientAtAnUnknownAddressIsOfferedBooking()
    {
        var (doctor, specialty) = await DoctorAsync(browser.App, "Empty");
        var nobody = await (await browser.App.ClientFor(Role.Admin)).CreateSpecialtyAsync($"Unstaffed care {Guid.NewGuid():N}"[..22]);
        var page = await SignedInAsync(browser.App, await browser.App.ClientFor(Role.Patient));

        await page.GetByLabel("Specialty").SelectOptionAsync(new SelectOptionValue { Label = nobody.Name });
        await Expect(page.GetByText($"No doctor offers {nobody.Name} yet. Choose another specialty.")).ToBeVisibleAsync();
        await ChooseAsync(page, specialty, doctor.Name);

        await Expect(page.GetByText($"{doctor.Name} has no times in the next four weeks.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Day")).ToBeDisabledAsync();

        await page.GotoAsync(browser.App.BaseUrl + "/appointments");
        await page.GetByRole(AriaRole.Link, new() { Name = "Book an appointment" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Book an appointment" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>A doctor of a specialty of their own, both with names no other test uses.</summary>
    private static async Task<(DoctorView Doctor, string Specialty)> DoctorAsync(LockingApp app, string what)
    {
        var admin = await app.ClientFor(Role.Admin);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var specialty = await admin.CreateSpecialtyAsync($"{what} care {tag}");
        return (await admin.CreateDoctorAsync(specialty.Id, name: $"Dr. {what} {tag}"), specialty.Name);
    }

    private async Task<IPage> SignedInAsync(BrowserLockingApp app, TestUser patient, int width = 1280, int height = 800, Func<IPage, Task>? prepare = null)
    {
        var page = await browser.NewPageAsync(width, height);
        if (prepare is not null)
        {
            await prepare(page);
        }
        await page.GotoAsync(app.BaseUrl + "/");
        await SignInAsync(page, patient.Email);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Book an appointment" })).ToBeVisibleAsync();
        return page;
    }

    private static async Task ChooseAsync(IPage page, string specialty, string doctor)
    {
        await page.GetByLabel("Specialty").SelectOptionAsync(new SelectOptionValue { Label = specialty });
        await page.GetByLabel("Doctor").SelectOptionAsync(new SelectOptionValue { Label = doctor });
    }

    /// <summary>A slot of the shown day, by its start time ("09:00").</summary>
    private static ILocator Slot(IPage page, string startsAt) => page.Locator(".book-slots > li", new() { HasText = startsAt + "–" });

    private static ILocator Seats(IPage page, string startsAt) => Slot(page, startsAt).Locator(".book-seats");

    private static ILocator Button(ILocator scope, string name) => scope.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static ILocator Upcoming(IPage page) => page.GetByRole(AriaRole.List, new() { Name = "Upcoming bookings" });

    private static ILocator Announcer(IPage page) => page.GetByTestId("announcer");

    [GeneratedRegex(@"^Held for you for [45]:\d\d$")]
    private static partial Regex HoldCountdown();
}
