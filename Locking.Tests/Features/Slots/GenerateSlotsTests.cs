using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locking.Features.Slots.GenerateSlots;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Slots;

public sealed class GenerateSlotsTests(LockingApp app) : IClassFixture<LockingApp>
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly string[] Weekdays = ["monday", "Tuesday", "WEDNESDAY", "thursday", "friday"];

    private static object Pattern(Guid doctorId, string from, string to, string[] days, string dayStart, string dayEnd,
        int slotMinutes = 30, int bufferMinutes = 0, int capacity = 1, string timeZone = "Europe/Berlin") =>
        new { doctorId, fromDate = from, toDate = to, daysOfWeek = days, dayStart, dayEnd, slotMinutes, bufferMinutes, capacity, timeZone };

    [Fact]
    public async Task Bulk_AcrossTheSpringDstChange_KeepsLocalTimes_AndARerunCreatesNothing()
    {
        var admin = await app.ClientFor(Role.Admin);
        var doctor = await admin.CreateDoctorAsync();
        var pattern = Pattern(doctor.Id, "2026-03-23", "2026-04-03", Weekdays, "09:00", "12:00", capacity: 2);

        var response = await admin.Client.PostAsJsonAsync("/api/slots/bulk", pattern);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new GenerateSlotsResult(60, 0), await response.ReadAsync<GenerateSlotsResult>());

        var slots = await admin.ListSlotsAsync($"doctorId={doctor.Id}");
        Assert.Equal(60, slots.Count);
        Assert.All(slots, s =>
        {
            var local = TimeZoneInfo.ConvertTime(s.StartTime, Berlin);
            Assert.InRange(local.TimeOfDay, TimeSpan.FromHours(9), TimeSpan.FromHours(11.5));
            Assert.Equal(0, local.Minute % 30);
            Assert.Equal(TimeSpan.FromMinutes(30), s.EndTime - s.StartTime);
            Assert.Equal(2, s.Capacity);
            // Central European time is UTC+1 until the change on 2026-03-29, then summer time UTC+2.
            var offset = TimeSpan.FromHours(s.StartTime < new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero) ? 1 : 2);
            Assert.Equal(local.TimeOfDay - offset, s.StartTime.UtcDateTime.TimeOfDay);
            Assert.NotEqual(DayOfWeek.Saturday, local.DayOfWeek);
            Assert.NotEqual(DayOfWeek.Sunday, local.DayOfWeek);
        });
        Assert.Equal(new DateTimeOffset(2026, 3, 23, 8, 0, 0, TimeSpan.Zero), slots[0].StartTime);
        Assert.Contains(slots, s => s.StartTime == new DateTimeOffset(2026, 3, 27, 10, 30, 0, TimeSpan.Zero));
        Assert.Contains(slots, s => s.StartTime == new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 4, 3, 9, 30, 0, TimeSpan.Zero), slots[^1].StartTime);

        var again = await admin.Client.PostAsJsonAsync("/api/slots/bulk", pattern);
        Assert.Equal(new GenerateSlotsResult(0, 60), await again.ReadAsync<GenerateSlotsResult>());
        Assert.Equal(60, (await admin.ListSlotsAsync($"doctorId={doctor.Id}")).Count);
    }

    [Fact]
    public async Task Bulk_SkipsLocalTimesInTheSpringForwardGap_AndTakesTheFirstOccurrenceOfAmbiguousOnes()
    {
        var admin = await app.ClientFor(Role.Admin);
        var doctor = await admin.CreateDoctorAsync();

        // 2026-03-29, Berlin: 02:00 jumps to 03:00, so 02:00 and 02:30 do not exist.
        var spring = await admin.Client.PostAsJsonAsync("/api/slots/bulk", Pattern(doctor.Id, "2026-03-29", "2026-03-29", ["sunday"], "01:00", "04:00"));
        Assert.Equal(new GenerateSlotsResult(4, 2), await spring.ReadAsync<GenerateSlotsResult>());
        var day = $"doctorId={doctor.Id}&from={SlotData.Instant(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero))}&to={SlotData.Instant(new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero))}";
        Assert.Equal(["00:00", "00:30", "01:00", "01:30"], (await admin.ListSlotsAsync(day)).Select(s => s.StartTime.UtcDateTime.ToString("HH:mm")));

        // 2026-10-25, Berlin: 03:00 falls back to 02:00; 02:00 and 02:30 mean their first (summer time) occurrence.
        var autumn = await admin.Client.PostAsJsonAsync("/api/slots/bulk", Pattern(doctor.Id, "2026-10-25", "2026-10-25", ["sunday"], "01:30", "03:30"));
        Assert.Equal(new GenerateSlotsResult(4, 0), await autumn.ReadAsync<GenerateSlotsResult>());
        var night = $"doctorId={doctor.Id}&from={SlotData.Instant(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero))}&to={SlotData.Instant(new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.Zero))}";
        Assert.Equal(["23:30", "00:00", "00:30", "02:00"], (await admin.ListSlotsAsync(night)).Select(s => s.StartTime.UtcDateTime.ToString("HH:mm")));
    }

    [Fact]
    public async Task Bulk_WithABuffer_SpacesSlots_AndSkipsOnlyThoseOverlappingExistingOnes()
    {
        var admin = await app.ClientFor(Role.Admin);
        var doctor = await admin.CreateDoctorAsync();
        // Monday 2027-01-04, Berlin winter time (UTC+1): an existing 10:15–10:45 local slot blocks the 10:00 one.
        await admin.CreateSlotAsync(doctor.Id, new DateTimeOffset(2027, 1, 4, 9, 15, 0, TimeSpan.Zero));
        var response = await admin.Client.PostAsJsonAsync("/api/slots/bulk",
            Pattern(doctor.Id, "2027-01-04", "2027-01-05", ["monday"], "09:00", "12:00", slotMinutes: 45, bufferMinutes: 15, capacity: 3));
        Assert.Equal($"/api/slots?doctorId={doctor.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(new GenerateSlotsResult(2, 1), await response.ReadAsync<GenerateSlotsResult>());
        var slots = await admin.ListSlotsAsync($"doctorId={doctor.Id}");
        Assert.Equal(["08:00", "09:15", "10:00"], slots.Select(s => s.StartTime.UtcDateTime.ToString("HH:mm")));
        Assert.Equal([3, 1, 3], slots.Select(s => s.Capacity));
    }

    [Fact]
    public async Task Bulk_AnnouncesEachCreatedSlot()
    {
        var admin = await app.ClientFor(Role.Admin);
        var doctor = await admin.CreateDoctorAsync();
        await using var hub = await app.ConnectHubAsync(await app.ClientFor(Role.Patient));
        await hub.InvokeAsync("subscribe-slots", doctor.Id);
        var response = await admin.Client.PostAsJsonAsync("/api/slots/bulk", Pattern(doctor.Id, "2027-02-01", "2027-02-01", ["monday"], "09:00", "10:30"));
        Assert.Equal(new GenerateSlotsResult(3, 0), await response.ReadAsync<GenerateSlotsResult>());
        var ids = new HashSet<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await hub.WaitForAsync("slot-added")).Payload.GetProperty("slot").GetProperty("id").GetGuid());
        }
        Assert.Equal((await admin.ListSlotsAsync($"doctorId={doctor.Id}")).Select(s => s.Id).ToHashSet(), ids);
    }

    [Fact]
    public async Task Bulk_WithAnInvalidPattern_Returns400NamingTheField_AndCreatesNothing()
    {
        var admin = await app.ClientFor(Role.Admin);
        var doctor = await admin.CreateDoctorAsync();
        async Task<JsonElement> Invalid(object body) =>
            (await (await admin.Client.PostAsJsonAsync("/api/slots/bulk", body)).AssertProblemAsync(400, "validation_failed")).GetProperty("errors");
        void Names(JsonElement errors, string field) => Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");

        Names(await Invalid(Pattern(doctor.Id, "2027-03-10", "2027-03-09", Weekdays, "09:00", "12:00")), "toDate");
        Names(await Invalid(Pattern(doctor.Id, "2027-01-01", "2028-01-02", Weekdays, "09:00", "12:00")), "toDate");
        Names(await Invalid(Pattern(doctor.Id, "2027-03-01", "2027-03-05", Weekdays, "12:00", "12:00")), "dayEnd");
        Names(await Invalid(Pattern(doctor.Id, "2027-03-01", "2027-03-05", Weekdays, "09:00", "12:00", slotMinutes: 4)), "slotMinutes");
        Names(await Invalid(Pattern(doctor.Id, "2027-03-01", "2027-03-05", Weekdays, "09:00", "12:00", slotMinutes: 481)), "slotMinutes");
        Names(await Invalid(Pattern(doctor.Id, "2027-03-01", "2027-03-05", Weekdays, "09:00", "12:00", bufferMinutes: 241)), "bufferMinutes");
        Names(await Invalid(Pattern(doctor.Id, "2027-03-01", "2027-03-05", Weekdays, "09:00", "12:00", capacity: 0)), "capacity");
        Names(await Invalid(Pattern(doctor.Id, "2027-03-01", "2027-03-05", [], "09:00", "12:00")), "daysOfWeek");
        Names(await Invalid(Pattern(doctor.Id, "2027-03-01", "2027-03-05", Weekdays, "09:00", "12:00", timeZone: "Mars/Olympus")), "timeZone");
        Names(await Invalid(Pattern(doctor.Id, "2027-03-01", "2027-03-05", ["funday"], "09:00", "12:00")), "daysOfWeek[0]");
        await Invalid(Pattern(doctor.Id, "2027-03-01", "2027-03-05", Weekdays, "9 o'clock", "12:00"));
        // A year of five-minute slots around the clock is more than one request may make.
        Names(await Invalid(Pattern(doctor.Id, "2027-01-01", "2027-12-31", Weekdays, "00:00", "23:55", slotMinutes: 5)), "toDate");

        await (await admin.Client.PostAsJsonAsync("/api/slots/bulk", Pattern(Guid.NewGuid(), "2027-03-01", "2027-03-05", Weekdays, "09:00", "12:00")))
            .AssertProblemAsync(404, "not_found");
        Assert.Empty(await admin.ListSlotsAsync($"doctorId={doctor.Id}"));
    }
}
