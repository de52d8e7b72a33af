using System.Net;
using System.Net.Http.Json;
using Locking.Features.Bookings;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Bookings;

/// <summary>No slot is ever overbooked and no patient double-booked, under real parallel requests.</summary>
public sealed class BookingConcurrencyTests(LockingApp app) : IClassFixture<LockingApp>
{
    private async Task<List<TestUser>> PatientsAsync(int count)
    {
        var patients = new List<TestUser>();
        for (var i = 0; i < count; i++)
        {
            patients.Add(await app.ClientFor(Role.Patient));
        }
        return patients;
    }

    [Fact]
    public async Task FortyPatients_OneSlotOfThree_ExactlyThreeBooked_Repeated()
    {
        var doctor = await app.CreateDoctorAsync();
        var patients = await PatientsAsync(40);
        for (var round = 0; round < 5; round++)
        {
            var slot = await app.CreateSlotAsync(doctor, capacity: 3, start: app.Clock.GetUtcNow().AddDays(1 + round));
            var responses = await Race.RunAsync(patients.Count, i =>
                patients[i].Client.PostAsJsonAsync("/api/bookings", new { slotId = slot }));

            Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(37, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                await refused.AssertProblemAsync(409, "slot_full");
            }
            Assert.Equal(3, await app.QueryAsync<long>("SELECT seats_taken FROM slots WHERE id = @slot", new { slot }));
            Assert.Equal(3, await app.QueryAsync<long>("SELECT COUNT(*) FROM bookings WHERE slot_id = @slot AND status = 'CONFIRMED'", new { slot }));
        }
    }

    [Fact]
    public async Task MixedSeatCounts_NeverExceedCapacity_AndTheCountersAgree()
    {
        var doctor = await app.CreateDoctorAsync();
        var patients = await PatientsAsync(30);
        for (var round = 0; round < 5; round++)
        {
            var slot = await app.CreateSlotAsync(doctor, capacity: 5, start: app.Clock.GetUtcNow().AddDays(10 + round));
            var responses = await Race.RunAsync(patients.Count, i =>
                patients[i].Client.PostAsJsonAsync("/api/bookings", new { slotId = slot, seats = i % 2 == 0 ? 2 : 1 }));

            var booked = 0;
            for (var i = 0; i < responses.Length; i++)
            {
                if (responses[i].StatusCode == HttpStatusCode.Created)
                {
                    booked += (await responses[i].ReadAsync<BookingView>()).Seats;
                }
                else
                {
                    await responses[i].AssertProblemAsync(409, "slot_full");
                }
            }
            var taken = await app.QueryAsync<long>("SELECT seats_taken FROM slots WHERE id = @slot", new { slot });
            Assert.True(booked <= 5, $"{booked} seats booked in a slot of 5");
            Assert.Equal(booked, taken);
            Assert.Equal(booked, await app.QueryAsync<long>("SELECT COALESCE(SUM(seats), 0) FROM bookings WHERE slot_id = @slot AND status = 'CONFIRMED'", new { slot }));
            // Seats only ever go down here: if one is left, no single-seat request can have been refused.
            if (taken == 4)
            {
                Assert.All(Enumerable.Range(0, responses.Length).Where(i => i % 2 == 1), i => Assert.Equal(HttpStatusCode.Created, responses[i].StatusCode));
            }
            else
            {
                Assert.Equal(5, taken);
            }
        }
    }

    [Fact]
    public async Task TwentyIdenticalPosts_WithOneIdempotencyKey_MakeOneBooking()
    {
        var doctor = await app.CreateDoctorAsync();
        var slot = await app.CreateSlotAsync(doctor, capacity: 10);
        var patient = await app.ClientFor(Role.Patient);
        var key = $"key-{Guid.NewGuid():N}";

        var responses = await Race.RunAsync(20, _ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(new { slotId = slot }) };
            request.Headers.Add("Idempotency-Key", key);
            return patient.Client.SendAsync(request);
        });

        var booked = await app.AssertOneBookingMadeAsync(responses, slot);

        // The key is per user: someone else using the same key gets their own booking.
        var other = await app.ClientFor(Role.Patient);
        var theirs = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(new { slotId = slot }) };
        theirs.Headers.Add("Idempotency-Key", key);
        var second = await other.Client.SendAsync(theirs);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotEqual(booked, (await second.ReadAsync<BookingView>()).Id);
    }

    [Fact]
    public async Task IdempotencyKeys_OneUsersTwoKeysMakeTwoBookings_AndTheSameKeyAgainReturnsTheFirst()
    {
        var doctor = await app.CreateDoctorAsync();
        var start = app.Clock.GetUtcNow().AddDays(60);
        var morning = await app.CreateSlotAsync(doctor, capacity: 5, start: start);
        var afternoon = await app.CreateSlotAsync(doctor, capacity: 5, start: start.AddHours(4));
        var patient = await app.ClientFor(Role.Patient);
        var (firstKey, secondKey) = ($"key-{Guid.NewGuid():N}", $"key-{Guid.NewGuid():N}");
        Task<HttpResponseMessage> BookAsync(Guid slotId, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(new { slotId }) };
            request.Headers.Add("Idempotency-Key", key);
            return patient.Client.SendAsync(request);
        }

        var first = await BookAsync(morning, firstKey);
        var second = await BookAsync(afternoon, secondKey);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var booked = await first.ReadAsync<BookingView>();
        var other = await second.ReadAsync<BookingView>();
        Assert.NotEqual(booked.Id, other.Id);
        Assert.Equal((morning, afternoon), (booked.SlotId, other.SlotId));

        var again = await BookAsync(morning, firstKey);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(booked.Id, (await again.ReadAsync<BookingView>()).Id);
        Assert.Equal(2, await app.QueryAsync<long>("SELECT COUNT(*) FROM bookings WHERE created_by = @id", new { id = patient.Id }));
        Assert.Equal(1, await app.QueryAsync<long>("SELECT seats_taken FROM slots WHERE id = @morning", new { morning }));
        Assert.Equal(1, await app.QueryAsync<long>("SELECT seats_taken FROM slots WHERE id = @afternoon", new { afternoon }));
    }

    [Fact]
    public async Task OnePatient_RacingTwoOverlappingSlotsOfDifferentDoctors_GetsExactlyOne()
    {
        var first = await app.CreateDoctorAsync();
        var second = await app.CreateDoctorAsync();
        for (var round = 0; round < 5; round++)
        {
            var patient = await app.ClientFor(Role.Patient);
            var start = app.Clock.GetUtcNow().AddDays(20 + round);
            var a = await app.CreateSlotAsync(first, capacity: 5, start: start);
            var b = await app.CreateSlotAsync(second, capacity: 5, start: start.AddMinutes(15));
            var responses = await Race.RunAsync(2, i => i == 0
                ? patient.Client.PostAsJsonAsync("/api/bookings", new { slotId = a })
                : patient.Client.PostAsync($"/api/slots/{b}/hold", null));

            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            await responses.Single(r => r.StatusCode != HttpStatusCode.Created).AssertProblemAsync(409, "booking_conflict");
            Assert.Equal(1, await app.QueryAsync<long>(
                "SELECT COUNT(*) FROM bookings WHERE patient_id = @id AND status IN ('PENDING', 'CONFIRMED')", new { id = patient.Id }));
        }
    }

    [Fact]
    public async Task BackToBackSlots_DoNotConflict()
    {
        var doctor = await app.CreateDoctorAsync();
        var patient = await app.ClientFor(Role.Patient);
        var start = app.Clock.GetUtcNow().AddDays(40);
        var a = await app.CreateSlotAsync(doctor, start: start);
        var b = await app.CreateSlotAsync(doctor, start: start.AddMinutes(30));
        Assert.Equal(HttpStatusCode.Created, (await patient.Client.PostAsJsonAsync("/api/bookings", new { slotId = a })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await patient.Client.PostAsJsonAsync("/api/bookings", new { slotId = b })).StatusCode);
    }
}
