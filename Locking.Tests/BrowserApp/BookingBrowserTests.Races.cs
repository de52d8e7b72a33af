using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Locking.Tests.BrowserApp;

/// <summary>Booking in the browser when two race for a seat or the connection drops.</summary>
public sealed partial class BookingBrowserTests
{
    [Fact]
    public async Task LastSeat_BookedByTwoAtOnce_GoesToExactlyOne_AndTheOtherIsToldInASentence()
    {
        var (doctor, specialty) = await DoctorAsync(browser.App, "Last");
        var slot = await (await browser.App.ClientFor(Role.Admin)).CreateSlotAsync(doctor.Id, browser.App.HoursFromNow(days: 3, hour: 10), capacity: 1);
        var pages = new[]
        {
            await SignedInAsync(browser.App, await browser.App.ClientFor(Role.Patient)),
            await SignedInAsync(browser.App, await browser.App.ClientFor(Role.Patient)),
        };
        // Both requests are held at the browser's edge until both patients have clicked, while the
        // seat still looks free to each; then they go on together and the service decides.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bothSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = 0;
        foreach (var page in pages)
        {
            await ChooseAsync(page, specialty, doctor.Name);
            await Expect(Seats(page, "10:00")).ToHaveTextAsync("1 seat left");
            await page.RouteAsync("**/api/bookings", async route =>
            {
                if (route.Request.Method == "POST" && Interlocked.Increment(ref sent) == 2)
                {
                    bothSent.TrySetResult();
                }
                if (route.Request.Method == "POST")
                {
                    await gate.Task;
                }
                await route.ContinueAsync();
            });
        }

        foreach (var page in pages)
        {
            await Button(Slot(page, "10:00"), "Book now").ClickAsync();
        }
        await bothSent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        gate.SetResult();

        var outcomes = new List<bool>();
        foreach (var page in pages)
        {
            var booked = page.GetByRole(AriaRole.Main).GetByText("You are booked");
            var refused = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = FullSentence });
            await Expect(booked.Or(refused)).ToBeVisibleAsync();
            outcomes.Add(await booked.IsVisibleAsync());
            await Expect(Seats(page, "10:00")).ToHaveTextAsync("Full");
            await Expect(Button(Slot(page, "10:00"), "Book now")).ToBeDisabledAsync();
        }
        Assert.Single(outcomes, won => won);
        var loser = pages[outcomes.IndexOf(false)];
        await Expect(loser.GetByRole(AriaRole.Alert)).ToHaveTextAsync(FullSentence);
        await Expect(loser.GetByText("slot_full")).ToHaveCountAsync(0);
        Assert.Equal(1, await browser.App.CountBookingsAsync(slot.Id));
        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task BookNow_AfterALostConnection_IsRetriedWithTheSameKey_AndMakesOneBooking()
    {
        var (doctor, specialty) = await DoctorAsync(browser.App, "Retry");
        var slot = await (await browser.App.ClientFor(Role.Admin)).CreateSlotAsync(doctor.Id, browser.App.HoursFromNow(days: 3, hour: 14), capacity: 2);
        var page = await SignedInAsync(browser.App, await browser.App.ClientFor(Role.Patient));
        await ChooseAsync(page, specialty, doctor.Name);
        var keys = new List<string>();
        var fate = "never arrives";
        await page.RouteAsync("**/api/bookings", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }
            keys.Add(route.Request.Headers["idempotency-key"]);
            switch (fate)
            {
                case "never arrives":
                    await route.AbortAsync();
                    break;
                case "answer lost":
                    await route.FetchAsync(); // the service books; the browser never hears back
                    await route.AbortAsync();
                    break;
                default:
                    await route.ContinueAsync();
                    break;
            }
        });

        await Button(Slot(page, "14:00"), "Book now").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The service cannot be reached. Check the connection and try again.");
        fate = "goes through";
        await Button(Slot(page, "14:00"), "Book now").ClickAsync();

        await Expect(Upcoming(page).GetByRole(AriaRole.Listitem)).ToContainTextAsync("Confirmed");
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(1, await browser.App.CountBookingsAsync(slot.Id));

        // Booking the slot again after cancelling is a new intention, with a new key; when only its
        // answer is lost, the page asks the service and shows the booking that was made.
        await Button(Upcoming(page).GetByRole(AriaRole.Listitem), "Cancel").ClickAsync();
        await Button(Upcoming(page).GetByRole(AriaRole.Listitem), "Yes, cancel booking").ClickAsync();
        await Expect(Upcoming(page)).ToHaveCountAsync(0);
        fate = "answer lost";
        await Button(Slot(page, "14:00"), "Book now").ClickAsync();

        await Expect(Upcoming(page).GetByRole(AriaRole.Listitem)).ToContainTextAsync("Confirmed");
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeHiddenAsync();
        await Expect(Seats(page, "14:00")).ToHaveTextAsync("1 seat left");
        Assert.Equal(3, keys.Count);
        Assert.NotEqual(keys[0], keys[2]);
        Assert.Equal(2, await browser.App.CountBookingsAsync(slot.Id));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AfterTheHubConnectionDrops_ThePageFollowsTheSlotsAgain_AndSeatsStillChangeLive()
    {
        var (doctor, specialty) = await DoctorAsync(browser.App, "Again");
        var slot = await (await browser.App.ClientFor(Role.Admin)).CreateSlotAsync(doctor.Id, browser.App.HoursFromNow(days: 5, hour: 9), capacity: 2);
        // The hub's WebSocket runs through the test, which can cut it as a network would.
        var sockets = new List<(IWebSocketRoute Page, IWebSocketRoute Server)>();
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rereadAfterReconnect = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var page = await SignedInAsync(browser.App, await browser.App.ClientFor(Role.Patient), prepare: async page =>
        {
            await page.RouteWebSocketAsync("**/hubs/locking**", ws =>
            {
                lock (sockets)
                {
                    sockets.Add((ws, ws.ConnectToServer()));
                    if (sockets.Count == 2)
                    {
                        reconnected.TrySetResult();
                    }
                }
            });
            page.Response += (_, response) =>
            {
                if (reconnected.Task.IsCompleted && response.Url.Contains("/api/slots?", StringComparison.Ordinal))
                {
                    rereadAfterReconnect.TrySetResult();
                }
            };
        });
        await ChooseAsync(page, specialty, doctor.Name);
        await Expect(Seats(page, "09:00")).ToHaveTextAsync("2 seats left");

        var (pageSide, serverSide) = sockets[0];
        await serverSide.CloseAsync();
        await pageSide.CloseAsync();
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await rereadAfterReconnect.Task.WaitAsync(TimeSpan.FromSeconds(15));

        // The page read the slots once after reconnecting; from now on only the hub can tell it.
        var other = await browser.App.ClientFor(Role.Patient);
        (await other.Client.PostAsync($"/api/slots/{slot.Id}/hold", null)).EnsureSuccessStatusCode();

        await Expect(Seats(page, "09:00")).ToHaveTextAsync("1 seat left");
        await Expect(Announcer(page)).ToContainTextAsync("1 seat left");
        await page.Context.CloseAsync();
    }
}
