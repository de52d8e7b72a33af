using System.Net.Http.Json;
using Locking.Features.Bookings;
using Locking.Features.Slots;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Locking.Tests.BrowserApp;

/// <summary>The slots screen live: bookings arriving, and an admin looking at any doctor.</summary>
public sealed partial class SlotsBrowserTests
{
    [Fact]
    public async Task PatientBooksThroughTheApi_TheDoctorSeesItLive_AndMovesItToCompleted()
    {
        var (doctor, doctorId) = await NewDoctorAsync();
        var slot = await doctor.CreateSlotAsync(doctorId, At(NextMonday.AddDays(3), 14), capacity: 2);
        var page = await SlotsPageAsync(doctor, nextWeek: true);
        var card = Slot(page, slot.Id);
        await card.GetByRole(AriaRole.Button, new() { Name = "14:00–14:30", Exact = true }).ClickAsync();
        var bookings = page.GetByRole(AriaRole.Region, new() { Name = "Bookings for" });
        await Expect(bookings.GetByText("No bookings yet.")).ToBeVisibleAsync();
        await Expect(page.Locator(".connection")).ToBeEmptyAsync(); // live: the hub is connected

        var patient = await App.ClientFor(Role.Patient);
        var booking = await (await patient.Client.PostAsJsonAsync("/api/bookings", new { slotId = slot.Id, reasonForVisit = "Sore knee" }))
            .ReadAsync<BookingView>();

        // No reload: the hub brings the booking, the count and the announcement.
        await Expect(card).ToContainTextAsync("1/2 booked · 1 seat left");
        var item = bookings.Locator($"[data-booking-id='{booking.Id}']");
        await Expect(item).ToContainTextAsync("Confirmed");
        await Expect(item).ToContainTextAsync("Reason: Sore knee");
        await Expect(page.GetByTestId("announcer")).ToContainTextAsync("New booking:");
        await Expect(page.GetByTestId("announcer")).ToContainTextAsync("at 14:00, 1 seat.");

        await item.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(item).ToContainTextAsync("In progress");
        await item.GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();

        await Expect(item).ToContainTextAsync("Completed");
        await Expect(item.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("announcer")).ToHaveTextAsync("The booking is now completed.");
        var stored = await (await doctor.Client.GetAsync($"/api/bookings/{booking.Id}")).ReadAsync<BookingView>();
        Assert.Equal(BookingStatus.Completed, stored.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_PicksADoctor_AndSeesThatDoctorsWeek()
    {
        var (doctor, doctorId) = await NewDoctorAsync();
        var slot = await doctor.CreateSlotAsync(doctorId, At(NextMonday.AddDays(4), 8));
        var admin = await App.ClientFor(Role.Admin);
        var page = await SlotsPageAsync(admin);

        await page.GetByLabel("Doctor").SelectOptionAsync(doctorId.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Next week" }).ClickAsync();

        await Expect(Slot(page, slot.Id)).ToContainTextAsync("08:00–08:30");
        await Expect(page.Locator("li.slot")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }
}
