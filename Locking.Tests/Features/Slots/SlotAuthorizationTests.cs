using System.Net.Http.Json;
using Locking.Features.Catalog;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Slots;

public sealed class SlotAuthorizationTests(LockingApp app) : IClassFixture<LockingApp>
{
    private static readonly string[] Callers = ["anonymous", "patient", "staff", "doctor-own", "doctor-other", "admin"];

    /// <summary>Each route with the status every caller gets, in the order of <see cref="Callers"/>.</summary>
    public static TheoryData<string, int[]> Routes => new()
    {
        { "GET /specialties", [401, 200, 200, 200, 200, 200] },
        { "POST /specialties", [401, 403, 403, 403, 403, 201] },
        { "GET /doctors", [401, 200, 200, 200, 200, 200] },
        { "GET /doctors/{id}", [401, 200, 200, 200, 200, 200] },
        { "POST /doctors", [401, 403, 403, 403, 403, 201] },
        { "GET /slots", [401, 200, 200, 200, 200, 200] },
        { "GET /slots/{id}", [401, 200, 200, 200, 200, 200] },
        { "POST /slots", [401, 403, 403, 201, 403, 201] },
        { "POST /slots/bulk", [401, 403, 403, 201, 403, 201] },
        { "PUT /slots/{id}/availability", [401, 403, 403, 200, 403, 200] },
        { "DELETE /slots/{id}", [401, 403, 403, 204, 403, 204] },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_AnswersEachCallerAsDocumented(string route, int[] expected)
    {
        var admin = await app.ClientFor(Role.Admin);
        var specialty = await admin.CreateSpecialtyAsync();
        var doctor = await admin.CreateDoctorAsync(specialty.Id);
        var otherDoctor = await admin.CreateDoctorAsync(specialty.Id);
        var clients = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = app.CreateClient(),
            ["patient"] = (await app.ClientFor(Role.Patient)).Client,
            ["staff"] = (await app.ClientFor(Role.Staff)).Client,
            ["doctor-own"] = (await app.ClientFor(Role.Doctor, doctor.Id)).Client,
            ["doctor-other"] = (await app.ClientFor(Role.Doctor, otherDoctor.Id)).Client,
            ["admin"] = admin.Client,
        };
        var day = 0;
        for (var i = 0; i < Callers.Length; i++)
        {
            // Every caller gets fresh resources, so that an earlier success cannot change a later answer.
            var slot = await admin.CreateSlotAsync(doctor.Id, app.HoursFromNow(10 + day++));
            var start = app.HoursFromNow(10 + day++);
            var date = DateOnly.FromDateTime(app.HoursFromNow(10 + day++).UtcDateTime).ToString("yyyy-MM-dd");
            var client = clients[Callers[i]];
            var response = route switch
            {
                "GET /specialties" => await client.GetAsync("/api/specialties"),
                "POST /specialties" => await client.PostAsJsonAsync("/api/specialties", new { name = $"Specialty {Guid.NewGuid():N}" }),
                "GET /doctors" => await client.GetAsync($"/api/doctors?specialtyId={specialty.Id}"),
                "GET /doctors/{id}" => await client.GetAsync($"/api/doctors/{doctor.Id}"),
                "POST /doctors" => await client.PostAsJsonAsync("/api/doctors", new { name = "Dr. New", specialtyId = specialty.Id }),
                "GET /slots" => await client.GetAsync($"/api/slots?doctorId={doctor.Id}"),
                "GET /slots/{id}" => await client.GetAsync($"/api/slots/{slot.Id}"),
                "POST /slots" => await client.PostAsJsonAsync("/api/slots", SlotData.SlotBody(doctor.Id, start)),
                "POST /slots/bulk" => await client.PostAsJsonAsync("/api/slots/bulk", new
                {
                    doctorId = doctor.Id,
                    fromDate = date,
                    toDate = date,
                    daysOfWeek = Enum.GetNames<DayOfWeek>(),
                    dayStart = "09:00",
                    dayEnd = "10:00",
                    slotMinutes = 30,
                    timeZone = "Europe/Berlin",
                }),
                "PUT /slots/{id}/availability" => await client.PutAsJsonAsync($"/api/slots/{slot.Id}/availability", new { isAvailable = false }),
                "DELETE /slots/{id}" => await client.DeleteAsync($"/api/slots/{slot.Id}"),
                _ => throw new ArgumentOutOfRangeException(nameof(route)),
            };
            var status = (int)response.StatusCode;
            if (expected[i] >= 400)
            {
                await response.AssertProblemAsync(expected[i], expected[i] == 401 ? "unauthorized" : "forbidden");
            }
            else
            {
                Assert.True(status == expected[i], $"{route} as {Callers[i]}: expected {expected[i]}, got {status}: {await response.Content.ReadAsStringAsync()}");
            }
        }
        // Refused calls changed nothing: only the doctor's own and the admin's writes took effect.
        var slots = await (await admin.Client.GetAsync($"/api/slots?doctorId={doctor.Id}")).ReadAsync<Locking.Features.Slots.ListSlots.SlotList>();
        var expectedSlots = Callers.Length + route switch
        {
            "POST /slots" => 2,
            "POST /slots/bulk" => 4,
            "DELETE /slots/{id}" => -2,
            _ => 0,
        };
        Assert.Equal(expectedSlots, slots.Items.Count);
        Assert.Equal(route == "PUT /slots/{id}/availability" ? 2 : 0, slots.Items.Count(s => !s.IsAvailable));
        Assert.Equal(route == "POST /doctors" ? 3 : 2,
            (await (await admin.Client.GetAsync($"/api/doctors?specialtyId={specialty.Id}")).ReadAsync<List<DoctorView>>()).Count);
    }
}
