using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Locking.Infrastructure.Auth;

using Locking.Tests.TestHost;

namespace Locking.Tests.Infrastructure;

/// <summary>Inputs nobody sends on purpose: odd charsets and dates at the calendar's edges. Each is a 4xx problem that changes nothing.</summary>
public sealed class HostileInputTests(LockingApp app) : IClassFixture<LockingApp>
{
    [Theory]
    [InlineData("application/json; charset=foo")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset=\"\"")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/problem+json; charset=x-unknown")]
    public async Task EveryRouteWithABody_RefusesAnUnknownOrNonUtf8Charset_With415(string contentType)
    {
        var admin = await app.ClientFor(Role.Admin);
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var routes = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.TryGetProperty("requestBody", out _)))
            {
                routes.Add(path.Name);
                var url = path.Name.Replace("{id}", Guid.NewGuid().ToString()).Replace("{slotId}", Guid.NewGuid().ToString());
                var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url)
                {
                    Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}")),
                };
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                var response = await admin.Client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{operation.Name} {path.Name}: {(int)response.StatusCode} {body}");
                await response.AssertProblemAsync(415, "unsupported_media_type");
            }
        }
        // Login, register and every create/update route: the document lists them all.
        Assert.Contains("/api/auth/login", routes);
        Assert.Contains("/api/auth/register", routes);
        Assert.Contains("/api/appointments/{id}", routes);
        Assert.Contains("/api/slots/bulk", routes);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json")]
    public async Task Login_AcceptsUtf8BodiesHoweverTheCharsetIsSpelled(string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"email":"nobody@test.local","password":"whatever1"}""")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await app.CreateClient().SendAsync(request);
        await response.AssertProblemAsync(401, "unauthorized");
    }

    [Theory]
    [InlineData("9999-12-31T23:00:00Z", 120)]
    [InlineData("9999-12-31T23:59:59.9999999Z", 5)]
    [InlineData("0001-01-01T00:00:00Z", 30)]
    [InlineData("0001-01-01T00:30:00+01:00", 30)]
    [InlineData("1899-12-31T23:59:59Z", 30)]
    [InlineData("2200-01-01T00:00:00Z", 30)]
    [InlineData("2199-12-31T23:59:00Z", 480)]
    public async Task CreateSlot_AtTheCalendarsEdge_Returns400AndCreatesNothing(string start, int minutes)
    {
        var admin = await app.ClientFor(Role.Admin);
        var doctor = await admin.CreateDoctorAsync();
        var response = await admin.Client.PostAsJsonAsync("/api/slots", new { doctorId = doctor.Id, startTime = start, durationMinutes = minutes });
        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.Contains("1900-01-01", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await admin.ListSlotsAsync($"doctorId={doctor.Id}"));
    }

    [Theory]
    [InlineData("9999-12-25", "9999-12-31", "Pacific/Kiritimati")]
    [InlineData("0001-01-01", "0001-01-07", "America/Los_Angeles")]
    [InlineData("2199-12-30", "2200-01-02", "Europe/Berlin")]
    public async Task GenerateSlots_OverTheCalendarsEdge_Returns400AndCreatesNothing(string from, string to, string zone)
    {
        var admin = await app.ClientFor(Role.Admin);
        var doctor = await admin.CreateDoctorAsync();
        var response = await admin.Client.PostAsJsonAsync("/api/slots/bulk", new
        {
            doctorId = doctor.Id,
            fromDate = from,
            toDate = to,
            daysOfWeek = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" },
            dayStart = "00:00",
            dayEnd = "23:59",
            slotMinutes = 30,
            timeZone = zone,
        });
        await response.AssertProblemAsync(400, "validation_failed");
        Assert.Empty(await admin.ListSlotsAsync($"doctorId={doctor.Id}"));
    }

    [Fact]
    public async Task GenerateSlots_JustInsideTheWindow_StillWorks()
    {
        var admin = await app.ClientFor(Role.Admin);
        var doctor = await admin.CreateDoctorAsync();
        var response = await admin.Client.PostAsJsonAsync("/api/slots/bulk", new
        {
            doctorId = doctor.Id,
            fromDate = "2199-12-31",
            toDate = "2199-12-31",
            daysOfWeek = new[] { "tuesday" },
            dayStart = "22:00",
            dayEnd = "23:00",
            slotMinutes = 30,
            timeZone = "Pacific/Kiritimati",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, (await admin.ListSlotsAsync($"doctorId={doctor.Id}")).Count);
    }

    [Theory]
    [InlineData("9999-12-31T23:00:00Z", "9999-12-31T23:59:59.9999999Z", "1980-04-02")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:30:00Z", "1980-04-02")]
    [InlineData("2026-12-02T10:00:00Z", "2026-12-02T10:30:00Z", "0001-01-01")]
    [InlineData("2026-12-02T10:00:00Z", "2026-12-02T10:30:00Z", "9999-12-31")]
    public async Task CreateAppointment_WithAnInstantOrBirthDateOutsideTheWindow_Returns400AndCreatesNothing(string start, string end, string birth)
    {
        var staff = await app.ClientFor(Role.Staff);
        var title = $"Edge {Guid.NewGuid():N}";
        var body = new { title, patientName = "Jane Roe", dateOfBirth = birth, gender = "female", startTime = start, endTime = end };
        var response = await staff.Client.PostAsJsonAsync("/api/appointments", body);
        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.Contains("1900-01-01", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var page = JsonDocument.Parse(await staff.Client.GetStringAsync($"/api/appointments?q={title}")).RootElement;
        Assert.Equal(0, page.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/api/slots?from=9999-12-31T00:00:00Z")]
    [InlineData("/api/slots?to=0001-01-01T00:00:00Z")]
    [InlineData("/api/appointments?from=0001-01-01T00:00:00Z")]
    [InlineData("/api/appointments?to=9999-12-31T23:59:59Z")]
    [InlineData("/api/bookings?from=9999-12-31T00:00:00Z")]
    [InlineData("/api/bookings?to=1000-01-01T00:00:00Z")]
    public async Task Queries_WithAnInstantOutsideTheWindow_Return400(string url)
    {
        var admin = await app.ClientFor(Role.Admin);
        await (await admin.Client.GetAsync(url)).AssertProblemAsync(400, "validation_failed");
    }
}
