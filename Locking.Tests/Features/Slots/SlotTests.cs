using System.Net;
using System.Net.Http.Json;
using Locking.Features.Slots;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Slots;

public sealed partial class SlotTests(LockingApp app) : IClassFixture<LockingApp>
{
    [Fact]
    public async Task Create_Returns201WithLocation_AndAnOverlapIs409_WhileAdjacentSlotsAreAllowed()
    {
        var admin = await app.ClientFor(Role.Admin);
        var doctor = await admin.CreateDoctorAsync();
        var start = app.HoursFromNow(2);

        var response = await admin.Client.PostAsJsonAsync("/api/slots", new { doctorId = doctor.Id, startTime = start, endTime = start.AddMinutes(30), capacity = 2 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var slot = await response.ReadAsync<SlotView>();
        Assert.Equal($"/api/slots/{slot.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((doctor.Id, start, start.AddMinutes(30), 2, 2, true), (slot.DoctorId, slot.StartTime, slot.EndTime, slot.Capacity, slot.SeatsLeft, slot.IsAvailable));
        Assert.Equal(slot, await (await admin.Client.GetAsync($"/api/slots/{slot.Id}")).ReadAsync<SlotView>());

        await (await admin.Client.PostAsJsonAsync("/api/slots", SlotData.SlotBody(doctor.Id, start.AddMinutes(15)))).AssertProblemAsync(409, "slot_overlap");
        await (await admin.Client.PostAsJsonAsync("/api/slots", SlotData.SlotBody(doctor.Id, start.AddMinutes(-15)))).AssertProblemAsync(409, "slot_overlap");
        await (await admin.Client.PostAsJsonAsync("/api/slots", SlotData.SlotBody(doctor.Id, start.AddMinutes(-30), 120))).AssertProblemAsync(409, "slot_overlap");
        await admin.CreateSlotAsync(doctor.Id, start.AddMinutes(30));
        await admin.CreateSlotAsync(doctor.Id, start.AddMinutes(-30));
        // Another doctor's slot at the same time is no overlap.
        await admin.CreateSlotAsync((await admin.CreateDoctorAsync()).Id, start);

        Assert.Equal(3, (await admin.ListSlotsAsync($"doctorId={doctor.Id}")).Count);
        await (await admin.Client.GetAsync($"/api/slots/{Guid.NewGuid()}")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Create_WithInvalidFieldsOrAnUnknownDoctor_IsRefused()
    {
        var admin = await app.ClientFor(Role.Admin);
        var doctor = await admin.CreateDoctorAsync();
        var start = app.HoursFromNow(2);
        async Task<System.Text.Json.JsonElement> Invalid(object body) =>
            (await (await admin.Client.PostAsJsonAsync("/api/slots", body)).AssertProblemAsync(400, "validation_failed")).GetProperty("errors");

        Assert.True((await Invalid(new { doctorId = doctor.Id, startTime = start, endTime = start.AddMinutes(30), durationMinutes = 30 })).TryGetProperty("endTime", out _));
        Assert.True((await Invalid(new { doctorId = doctor.Id, startTime = start })).TryGetProperty("endTime", out _));
        Assert.True((await Invalid(new { doctorId = doctor.Id, startTime = start, endTime = start })).TryGetProperty("endTime", out _));
        Assert.True((await Invalid(SlotData.SlotBody(doctor.Id, start, capacity: 0))).TryGetProperty("capacity", out _));
        Assert.True((await Invalid(SlotData.SlotBody(doctor.Id, start, capacity: 101))).TryGetProperty("capacity", out _));
        Assert.True((await Invalid(SlotData.SlotBody(doctor.Id, start, minutes: 0))).TryGetProperty("durationMinutes", out _));
        Assert.True((await Invalid(new { startTime = start, durationMinutes = 30 })).TryGetProperty("doctorId", out _));
        await (await admin.Client.PostAsJsonAsync("/api/slots", new { doctorId = doctor.Id, startTime = "soon", durationMinutes = 30 }))
            .AssertProblemAsync(400, "validation_failed");
        await (await admin.Client.PostAsJsonAsync("/api/slots", SlotData.SlotBody(Guid.NewGuid(), start))).AssertProblemAsync(404, "not_found");

        Assert.Empty(await admin.ListSlotsAsync($"doctorId={doctor.Id}"));
    }

    [Fact]
    public async Task ConcurrentOverlappingCreates_ExactlyOneWins()
    {
        var admin = await app.ClientFor(Role.Admin);
        var doctor = await admin.CreateDoctorAsync();
        for (var round = 0; round < 3; round++)
        {
            var start = app.HoursFromNow(5 + round);
            // Twenty 30-minute slots starting a minute apart: every pair overlaps.
            var responses = await Race.RunAsync(20, i => admin.Client.PostAsJsonAsync("/api/slots", SlotData.SlotBody(doctor.Id, start.AddMinutes(i))));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                await conflict.AssertProblemAsync(409, "slot_overlap");
            }
            var day = $"doctorId={doctor.Id}&from={SlotData.Instant(start)}&to={SlotData.Instant(start.AddHours(1))}";
            Assert.Single(await admin.ListSlotsAsync(day));
        }
    }

    [Fact]
    public async Task List_FiltersByDoctorSpecialtyTimeAndBookability_InStartOrder()
    {
        var admin = await app.ClientFor(Role.Admin);
        var patient = await app.ClientFor(Role.Patient);
        var specialty = await admin.CreateSpecialtyAsync();
        var doctor = await admin.CreateDoctorAsync(specialty.Id);
        var colleague = await admin.CreateDoctorAsync(specialty.Id);
        var outsider = await admin.CreateDoctorAsync();
        var start = app.HoursFromNow(4);

        var later = await admin.CreateSlotAsync(doctor.Id, start.AddHours(2));
        var open = await admin.CreateSlotAsync(doctor.Id, start);
        var disabled = await admin.CreateSlotAsync(doctor.Id, start.AddHours(1));
        var full = await admin.CreateSlotAsync(doctor.Id, start.AddHours(3));
        var lapsed = await admin.CreateSlotAsync(doctor.Id, start.AddHours(4));
        var past = await admin.CreateSlotAsync(doctor.Id, app.Clock.GetUtcNow().AddHours(-2));
        var colleagues = await admin.CreateSlotAsync(colleague.Id, start);
        var outsiders = await admin.CreateSlotAsync(outsider.Id, start);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PutAsJsonAsync($"/api/slots/{disabled.Id}/availability", new { isAvailable = false })).StatusCode);
        await app.InsertBookingAsync(full, patient.Id, "CONFIRMED");
        // A hold past its deadline gives its seat back at once, before any sweep.
        await app.InsertBookingAsync(lapsed, patient.Id, "PENDING", app.Clock.GetUtcNow().AddMinutes(-1));

        Assert.Equal([past.Id, open.Id, disabled.Id, later.Id, full.Id, lapsed.Id], (await patient.ListSlotsAsync($"doctorId={doctor.Id}")).Select(s => s.Id));
        Assert.Equal([open.Id, later.Id, lapsed.Id], (await patient.ListSlotsAsync($"doctorId={doctor.Id}&available=true")).Select(s => s.Id));
        Assert.Equal([past.Id, disabled.Id, full.Id], (await patient.ListSlotsAsync($"doctorId={doctor.Id}&available=false")).Select(s => s.Id));
        Assert.Equal(0, (await patient.ListSlotsAsync($"doctorId={doctor.Id}")).Single(s => s.Id == full.Id).SeatsLeft);
        Assert.Equal(1, (await patient.ListSlotsAsync($"doctorId={doctor.Id}")).Single(s => s.Id == lapsed.Id).SeatsLeft);

        var window = $"doctorId={doctor.Id}&from={SlotData.Instant(start.AddHours(1))}&to={SlotData.Instant(start.AddHours(3))}";
        Assert.Equal([disabled.Id, later.Id], (await patient.ListSlotsAsync(window)).Select(s => s.Id));
        var bySpecialty = (await patient.ListSlotsAsync($"specialtyId={specialty.Id}&from={SlotData.Instant(start)}&to={SlotData.Instant(start.AddMinutes(1))}")).Select(s => s.Id).ToList();
        Assert.Equal(2, bySpecialty.Count);
        Assert.Contains(open.Id, bySpecialty);
        Assert.Contains(colleagues.Id, bySpecialty);
        Assert.DoesNotContain(outsiders.Id, bySpecialty);

        await (await patient.Client.GetAsync("/api/slots?available=maybe")).AssertProblemAsync(400, "validation_failed");
        await (await patient.Client.GetAsync("/api/slots?doctorId=nope")).AssertProblemAsync(400, "validation_failed");
    }

    [Fact]
    public async Task Delete_Returns204_ButWhileABookingHoldsSeats409_AndDeadBookingsGoWithTheSlot()
    {
        var admin = await app.ClientFor(Role.Admin);
        var patient = await app.ClientFor(Role.Patient);
        var doctor = await admin.CreateDoctorAsync();
        var now = app.Clock.GetUtcNow();
        var confirmed = await admin.CreateSlotAsync(doctor.Id, app.HoursFromNow(2));
        var held = await admin.CreateSlotAsync(doctor.Id, app.HoursFromNow(3), capacity: 2);
        var dead = await admin.CreateSlotAsync(doctor.Id, app.HoursFromNow(4), capacity: 3);
        var empty = await admin.CreateSlotAsync(doctor.Id, app.HoursFromNow(5));
        await app.InsertBookingAsync(confirmed, patient.Id, "CONFIRMED");
        await app.InsertBookingAsync(held, patient.Id, "PENDING", now.AddMinutes(5));
        await app.InsertBookingAsync(dead, patient.Id, "CANCELLED");
        await app.InsertBookingAsync(dead, patient.Id, "EXPIRED");
        await app.InsertBookingAsync(dead, patient.Id, "PENDING", now.AddMinutes(-1));

        await (await admin.Client.DeleteAsync($"/api/slots/{confirmed.Id}")).AssertProblemAsync(409, "slot_has_bookings");
        await (await admin.Client.DeleteAsync($"/api/slots/{held.Id}")).AssertProblemAsync(409, "slot_has_bookings");
        Assert.Equal(1, await app.CountBookingsAsync(confirmed.Id));
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync($"/api/slots/{held.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/slots/{dead.Id}")).StatusCode);
        Assert.Equal(0, await app.CountBookingsAsync(dead.Id));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/slots/{empty.Id}")).StatusCode);
        await (await admin.Client.GetAsync($"/api/slots/{empty.Id}")).AssertProblemAsync(404, "not_found");
        await (await admin.Client.DeleteAsync($"/api/slots/{empty.Id}")).AssertProblemAsync(404, "not_found");

        // Once the hold lapses, nothing holds seats any more.
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/slots/{held.Id}")).StatusCode);
    }
}
