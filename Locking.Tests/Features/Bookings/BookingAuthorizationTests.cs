using System.Net.Http.Json;
using Locking.Features.Bookings;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Bookings;

/// <summary>Every booking route × anonymous, the owning patient, another patient, staff, the slot's doctor, another doctor and an admin.</summary>
public sealed class BookingAuthorizationTests(LockingApp app) : IClassFixture<LockingApp>
{
    public static TheoryData<string, string, int> Cases()
    {
        // route: the call; actor: who makes it; the status it must answer.
        var table = new (string Route, int Anonymous, int Owner, int Patient, int Staff, int DoctorOwn, int DoctorOther, int Admin)[]
        {
            ("hold", 401, 201, 201, 201, 403, 403, 201),
            ("book", 401, 201, 201, 201, 403, 403, 201),
            ("confirm", 401, 200, 403, 403, 403, 403, 403),
            ("get", 401, 200, 403, 403, 200, 403, 200),
            ("my-bookings", 401, 200, 200, 200, 200, 200, 200),
            ("slot-bookings", 401, 403, 403, 403, 200, 403, 200),
            ("list", 401, 403, 403, 403, 403, 403, 200),
            ("cancel", 401, 204, 403, 403, 403, 403, 204),
            ("status", 401, 403, 403, 403, 200, 403, 200),
        };
        var data = new TheoryData<string, string, int>();
        foreach (var row in table)
        {
            data.Add(row.Route, "anonymous", row.Anonymous);
            data.Add(row.Route, "owner", row.Owner);
            data.Add(row.Route, "patient", row.Patient);
            data.Add(row.Route, "staff", row.Staff);
            data.Add(row.Route, "doctor-own", row.DoctorOwn);
            data.Add(row.Route, "doctor-other", row.DoctorOther);
            data.Add(row.Route, "admin", row.Admin);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BookingRoute_AnswersEachRoleAsDocumented(string route, string actor, int expected)
    {
        var doctorId = await app.CreateDoctorAsync();
        var slot = await app.CreateSlotAsync(doctorId, capacity: 5, start: app.Clock.GetUtcNow().AddDays(3));
        var owner = await app.ClientFor(Role.Patient);
        var held = await (await owner.Client.PostAsync($"/api/slots/{await app.CreateSlotAsync(doctorId, start: app.Clock.GetUtcNow().AddDays(4))}/hold", null))
            .ReadAsync<BookingView>();
        var client = actor switch
        {
            "anonymous" => app.CreateClient(),
            "owner" => owner.Client,
            "patient" => (await app.ClientFor(Role.Patient)).Client,
            "staff" => (await app.ClientFor(Role.Staff)).Client,
            "doctor-own" => (await app.ClientFor(Role.Doctor, doctorId)).Client,
            "doctor-other" => (await app.ClientFor(Role.Doctor, await app.CreateDoctorAsync())).Client,
            _ => (await app.ClientFor(Role.Admin)).Client,
        };
        // Staff and admins book on the owner's behalf; patients for themselves.
        object body = actor is "staff" or "admin" ? new { slotId = slot, patientId = owner.Id } : new { slotId = slot };

        var response = route switch
        {
            "hold" => await client.PostAsJsonAsync($"/api/slots/{slot}/hold", body),
            "book" => await client.PostAsJsonAsync("/api/bookings", body),
            "confirm" => await client.PostAsync($"/api/bookings/{held.Id}/confirm", null),
            "get" => await client.GetAsync($"/api/bookings/{held.Id}"),
            "my-bookings" => await client.GetAsync("/api/bookings/my-bookings"),
            "slot-bookings" => await client.GetAsync($"/api/bookings/slot/{held.SlotId}"),
            "list" => await client.GetAsync("/api/bookings?status=PENDING"),
            "cancel" => await client.DeleteAsync($"/api/bookings/{held.Id}"),
            _ => await client.PutAsJsonAsync($"/api/bookings/{held.Id}/status", new { status = "CONFIRMED" }),
        };

        if (expected >= 400)
        {
            await response.AssertProblemAsync(expected, expected switch { 401 => "unauthorized", _ => "forbidden" });
        }
        else
        {
            Assert.True((int)response.StatusCode == expected, $"{route} by {actor}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
