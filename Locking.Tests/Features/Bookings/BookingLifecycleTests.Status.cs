using System.Net;
using System.Net.Http.Json;
using Locking.Features.Bookings;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Bookings;

/// <summary>Status changes by the clinic, and booking on behalf of a patient.</summary>
public sealed partial class BookingLifecycleTests
{
    [Theory]
    [MemberData(nameof(Transitions))]
    public async Task StatusChange_FollowsTheLifecycle(string from, string to, bool allowed)
    {
        var doctorId = await shared.CreateDoctorAsync();
        var slot = await shared.CreateSlotAsync(doctorId, capacity: 3);
        var patient = await shared.ClientFor(Role.Patient);
        var doctor = await shared.ClientFor(Role.Doctor, doctorId);
        var booking = await (await patient.Client.PostAsync($"/api/slots/{slot}/hold", null)).ReadAsync<BookingView>();
        if (from != "PENDING")
        {
            // Put the booking in the starting state directly; seats stay taken except for the two ended states.
            await shared.ExecuteAsync("UPDATE bookings SET status = @from, expires_at = NULL WHERE id = @id", new { from, id = booking.Id });
            if (from is "CANCELLED" or "EXPIRED")
            {
                await shared.ExecuteAsync("UPDATE slots SET seats_taken = 0 WHERE id = @slot", new { slot });
            }
        }
        var seatsBefore = await shared.QueryAsync<long>("SELECT seats_taken FROM slots WHERE id = @slot", new { slot });

        var response = await doctor.Client.PutAsJsonAsync($"/api/bookings/{booking.Id}/status", new { status = to });

        var status = await shared.QueryAsync<string>("SELECT status FROM bookings WHERE id = @id", new { id = booking.Id });
        var seatsAfter = await shared.QueryAsync<long>("SELECT seats_taken FROM slots WHERE id = @slot", new { slot });
        if (allowed)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            Assert.Equal(to, status);
            Assert.Equal(to == "CANCELLED" ? seatsBefore - 1 : seatsBefore, seatsAfter);
        }
        else
        {
            await response.AssertProblemAsync(409, "invalid_transition");
            Assert.Equal(from, status);
            Assert.Equal(seatsBefore, seatsAfter);
        }
    }

    [Fact]
    public async Task StatusChange_NotifiesThePatient_AndOnlyTheSlotsDoctorOrAdminMayChangeIt()
    {
        var doctorId = await shared.CreateDoctorAsync();
        var slot = await shared.CreateSlotAsync(doctorId);
        var patient = await shared.ClientFor(Role.Patient);
        var doctor = await shared.ClientFor(Role.Doctor, doctorId);
        var otherDoctor = await shared.ClientFor(Role.Doctor, await shared.CreateDoctorAsync());
        var admin = await shared.ClientFor(Role.Admin);
        await using var hub = await shared.ConnectHubAsync(patient);
        var booking = await (await patient.Client.PostAsJsonAsync("/api/bookings", new { slotId = slot })).ReadAsync<BookingView>();

        await (await otherDoctor.Client.PutAsJsonAsync($"/api/bookings/{booking.Id}/status", new { status = "IN_PROGRESS" })).AssertProblemAsync(403, "forbidden");
        await (await patient.Client.PutAsJsonAsync($"/api/bookings/{booking.Id}/status", new { status = "IN_PROGRESS" })).AssertProblemAsync(403, "forbidden");
        await (await doctor.Client.PutAsJsonAsync($"/api/bookings/{booking.Id}/status", new { status = "DONE" })).AssertProblemAsync(400, "validation_failed");
        Assert.Equal(HttpStatusCode.OK, (await doctor.Client.PutAsJsonAsync($"/api/bookings/{booking.Id}/status", new { status = "IN_PROGRESS" })).StatusCode);
        var changed = await hub.WaitForAsync("appointment-status-changed");
        Assert.Equal("IN_PROGRESS", changed.Payload.GetProperty("booking").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PutAsJsonAsync($"/api/bookings/{booking.Id}/status", new { status = "COMPLETED" })).StatusCode);
        await hub.WaitForAsync("appointment-status-changed", e => e.GetProperty("booking").GetProperty("status").GetString() == "COMPLETED");
    }

    [Fact]
    public async Task StaffBookOnBehalfOfAPatient_PatientsOnlyForThemselves()
    {
        var doctor = await shared.CreateDoctorAsync();
        var slot = await shared.CreateSlotAsync(doctor, capacity: 5);
        var staff = await shared.ClientFor(Role.Staff);
        var patient = await shared.ClientFor(Role.Patient);
        var other = await shared.ClientFor(Role.Patient);
        await using var hub = await shared.ConnectHubAsync(patient);

        var booking = await (await staff.Client.PostAsJsonAsync("/api/bookings", new { slotId = slot, patientId = patient.Id })).ReadAsync<BookingView>();
        Assert.Equal(patient.Id, booking.PatientId);
        await hub.WaitForAsync("appointment-confirmed");
        var mine = await (await patient.Client.GetAsync("/api/bookings/my-bookings")).ReadAsync<List<BookingView>>();
        Assert.Contains(mine, b => b.Id == booking.Id);

        await (await staff.Client.PostAsJsonAsync("/api/bookings", new { slotId = slot })).AssertProblemAsync(400, "validation_failed");
        await (await staff.Client.PostAsJsonAsync("/api/bookings", new { slotId = slot, patientId = staff.Id })).AssertProblemAsync(400, "validation_failed");
        await (await other.Client.PostAsJsonAsync("/api/bookings", new { slotId = slot, patientId = patient.Id })).AssertProblemAsync(403, "forbidden");
    }
}
