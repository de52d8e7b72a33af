using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Locking.Features.Slots;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Locking.Tests.BrowserApp;

/// <summary>
/// The doctors' and admins' slots screen (/slots) in Chromium. Every test has a doctor of its own
/// and works in next week (never the past, whatever weekday today is). The browser runs in UTC.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SlotsBrowserTests(BrowserFixture browser)
{
    private LockingApp App => browser.App;

    /// <summary>Monday of next week, by the UTC calendar the browser uses for "this week".</summary>
    private static DateOnly NextMonday
    {
        get
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            return today.AddDays(7 - ((int)today.DayOfWeek + 6) % 7);
        }
    }

    [Fact]
    public async Task Doctor_GeneratesAWeekInATimeZone_SeesEachSlotAtItsWallClockTime()
    {
        var (doctor, doctorId) = await NewDoctorAsync();
        var page = await SlotsPageAsync(doctor);
        var monday = NextMonday;

        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("UTC"); // the browser's own zone
        await page.GetByLabel("Time zone").FillAsync("America/New_York");
        await page.GetByLabel("From date").FillAsync(Day(monday));
        await page.GetByLabel("To date").FillAsync(Day(monday.AddDays(6)));
        await page.GetByLabel("Day starts at").FillAsync("09:00");
        await page.GetByLabel("Day ends at").FillAsync("08:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate slots" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Please check" }))
            .ToHaveTextAsync("Please check the form. The day must end after it starts.");
        await page.GetByLabel("Day ends at").FillAsync("11:00");
        await page.GetByLabel("Slot length (minutes)").FillAsync("30");
        await page.GetByLabel("Seats per slot").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate slots" }).ClickAsync();

        // Monday to Friday (the boxes ticked by default), four half hours a day.
        await Expect(page.GetByText("Created 20 slots.")).ToBeVisibleAsync();
        await Expect(Day(page, monday).Locator("li.slot")).ToHaveCountAsync(4);
        await Expect(Day(page, monday.AddDays(4)).Locator("li.slot")).ToHaveCountAsync(4);
        await Expect(Day(page, monday.AddDays(5)).GetByText("No slots")).ToBeVisibleAsync();
        await Expect(Day(page, monday).Locator("li.slot").First).ToContainTextAsync("09:00–09:30");
        await Expect(Day(page, monday).Locator("li.slot").First).ToContainTextAsync("0/2 booked · 2 seats left");

        // The API holds UTC instants: 09:00 in New York, with whatever DST offset that day has.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var nineInNewYork = TimeZoneInfo.ConvertTimeToUtc(monday.ToDateTime(new TimeOnly(9, 0)), zone);
        var slots = await doctor.ListSlotsAsync($"doctorId={doctorId}");
        Assert.Equal(20, slots.Count);
        Assert.Equal(new DateTimeOffset(nineInNewYork, TimeSpan.Zero), slots[0].StartTime);

        // The same slots in UTC: the wall-clock times move by the offset, the count stays.
        await page.GetByLabel("Time zone").FillAsync("UTC");
        await Expect(Day(page, monday).Locator("li.slot").First).ToContainTextAsync($"{nineInNewYork:HH:mm}–{nineInNewYork.AddMinutes(30):HH:mm}");
        await Expect(page.Locator("li.slot")).ToHaveCountAsync(20);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Doctor_MakesASlotUnavailable_ThenAvailableAgain()
    {
        var (doctor, doctorId) = await NewDoctorAsync();
        var slot = await doctor.CreateSlotAsync(doctorId, At(NextMonday.AddDays(1), 10));
        var page = await SlotsPageAsync(doctor, nextWeek: true);
        var card = Slot(page, slot.Id);

        await card.GetByRole(AriaRole.Button, new() { Name = "Make unavailable" }).ClickAsync();

        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Make available" })).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync("unavailable");
        Assert.False((await GetSlotAsync(doctor, slot.Id)).IsAvailable);

        await card.GetByRole(AriaRole.Button, new() { Name = "Make available" }).ClickAsync();

        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Make unavailable" })).ToBeVisibleAsync();
        Assert.True((await GetSlotAsync(doctor, slot.Id)).IsAvailable);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Doctor_DeletesAFreeSlot_AfterConfirming_AndIsToldInASentenceWhenABookedOneCannotGo()
    {
        var (doctor, doctorId) = await NewDoctorAsync();
        var free = await doctor.CreateSlotAsync(doctorId, At(NextMonday.AddDays(2), 9));
        var booked = await doctor.CreateSlotAsync(doctorId, At(NextMonday.AddDays(2), 10));
        var patient = await App.ClientFor(Role.Patient);
        (await patient.Client.PostAsJsonAsync("/api/bookings", new { slotId = booked.Id })).EnsureSuccessStatusCode();
        var page = await SlotsPageAsync(doctor, nextWeek: true);

        await Slot(page, booked.Id).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete this slot?" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete slot" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That slot still has bookings.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Slot(page, booked.Id)).ToBeVisibleAsync();

        await Slot(page, free.Id).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete slot" }).ClickAsync();

        await Expect(Slot(page, free.Id)).ToHaveCountAsync(0);
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await doctor.Client.GetAsync($"/api/slots/{free.Id}")).StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Axe_FindsNoSeriousOrCriticalViolations_OnTheSlotsScreen_DesktopAndPhone()
    {
        var (doctor, doctorId) = await NewDoctorAsync();
        var slots = new List<SlotView>();
        for (var day = 0; day < 5; day++)
        {
            foreach (var hour in new[] { 9, 10, 11 })
            {
                slots.Add(await doctor.CreateSlotAsync(doctorId, At(NextMonday.AddDays(day), hour), capacity: day == 1 ? 3 : 1));
            }
        }
        var patient = await App.ClientFor(Role.Patient);
        (await patient.Client.PostAsJsonAsync("/api/bookings", new { slotId = slots[3].Id, reasonForVisit = "Check-up" })).EnsureSuccessStatusCode();
        (await doctor.Client.PutAsJsonAsync($"/api/slots/{slots[8].Id}/availability", new { isAvailable = false })).EnsureSuccessStatusCode();
        var page = await SlotsPageAsync(doctor, nextWeek: true);
        await Slot(page, slots[3].Id).GetByRole(AriaRole.Button, new() { Name = "09:00–09:30", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-booking-id]")).ToHaveCountAsync(1);
        await page.SetViewportSizeAsync(1280, 1000);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await Screenshots.SaveAsync(page, "slots.png");

        await AssertAccessibleAsync(page, "slots screen");
        await Slot(page, slots[0].Id).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "delete dialog");
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();

        await page.SetViewportSizeAsync(390, 800);
        await AssertAccessibleAsync(page, "slots screen on a phone");
        // Stacked: Tuesday's column starts below Monday's, not beside it.
        var mondayBox = await Day(page, NextMonday).BoundingBoxAsync();
        var tuesdayBox = await Day(page, NextMonday.AddDays(1)).BoundingBoxAsync();
        Assert.True(tuesdayBox!.Y >= mondayBox!.Y + mondayBox.Height, "days stack on a phone");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await Screenshots.SaveAsync(page, "slots-phone.png");
        await page.Context.CloseAsync();
    }

    private async Task<(TestUser Doctor, Guid DoctorId)> NewDoctorAsync()
    {
        var doctorId = await App.CreateDoctorAsync();
        return (await App.ClientFor(Role.Doctor, doctorId), doctorId);
    }

    /// <summary>Signs in and opens /slots through the nav link; optionally moves to next week.</summary>
    private async Task<IPage> SlotsPageAsync(TestUser user, bool nextWeek = false)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.App.BaseUrl + "/");
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync("Passw0rd!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Slots" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Slots", Exact = true })).ToBeVisibleAsync();
        if (nextWeek)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Next week" }).ClickAsync();
            await Expect(Day(page, NextMonday)).ToBeVisibleAsync();
        }
        return page;
    }

    private static async Task<SlotView> GetSlotAsync(TestUser user, Guid id) =>
        await (await user.Client.GetAsync($"/api/slots/{id}")).ReadAsync<SlotView>();

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{what}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ILocator Day(IPage page, DateOnly day) => page.Locator($"section.day[data-day='{Day(day)}']");

    private static ILocator Slot(IPage page, Guid id) => page.Locator($"li.slot[data-slot-id='{id}']");
}
