using System.Net;
using System.Net.Http.Json;
using Dapper;
using Locking.Features.Bookings;
using Locking.Features.Catalog;
using Locking.Features.Slots;
using Locking.Features.Slots.ListSlots;
using Locking.Tests.TestHost;

namespace Locking.Tests.TestHost;

/// <summary>Specialties, doctors and slots made through the API, and bookings written straight to the database.</summary>
public static class SlotData
{
    public static async Task<SpecialtyView> CreateSpecialtyAsync(this TestUser admin, string? name = null)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/specialties", new { name = name ?? $"Specialty {Guid.NewGuid():N}" });
        return await response.ReadAsync<SpecialtyView>();
    }

    /// <summary>A new doctor, in a new specialty unless one is given.</summary>
    public static async Task<DoctorView> CreateDoctorAsync(this TestUser admin, Guid? specialtyId = null, string? email = null, string name = "Dr. Test")
    {
        var specialty = specialtyId ?? (await admin.CreateSpecialtyAsync()).Id;
        var response = await admin.Client.PostAsJsonAsync("/api/doctors", new { name, specialtyId = specialty, email });
        return await response.ReadAsync<DoctorView>();
    }

    public static object SlotBody(Guid doctorId, DateTimeOffset start, int minutes = 30, int capacity = 1) =>
        new { doctorId, startTime = start, durationMinutes = minutes, capacity };

    public static async Task<SlotView> CreateSlotAsync(this TestUser user, Guid doctorId, DateTimeOffset start, int minutes = 30, int capacity = 1) =>
        await (await user.Client.PostAsJsonAsync("/api/slots", SlotBody(doctorId, start, minutes, capacity))).ReadAsync<SlotView>();

    public static async Task<IReadOnlyList<SlotView>> ListSlotsAsync(this TestUser user, string query) =>
        (await (await user.Client.GetAsync($"/api/slots?{query}")).ReadAsync<SlotList>()).Items;

    /// <summary>A whole hour <paramref name="days"/> days after the app's clock, so that tests never collide with the past.</summary>
    public static DateTimeOffset HoursFromNow(this LockingApp app, int days, int hour = 9) =>
        new DateTimeOffset(app.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(days).AddHours(hour);

    public static string Instant(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("O"));

    /// <summary>
    /// Writes a booking row as the booking features would (they are built elsewhere); seat-holding
    /// statuses also take their seats on the slot.
    /// </summary>
    public static async Task InsertBookingAsync(this LockingApp app, SlotView slot, Guid patientId, string status, DateTimeOffset? expiresAt = null, int seats = 1)
    {
        var now = app.Clock.GetUtcNow();
        var holdsSeats = status is "CONFIRMED" or "IN_PROGRESS" or "COMPLETED" or "NO_SHOW" || (status == "PENDING" && expiresAt > now);
        var lapsedHold = status == "PENDING" && !holdsSeats;
        await using var connection = await app.OpenDatabaseAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO bookings (id, slot_id, doctor_id, patient_id, seats, status, start_time, end_time, expires_at, created_by, created_at, updated_at)
            VALUES (@id, @slotId, @doctorId, @patientId, @seats, @status, @start, @end, @expires, @patientId, @now, @now)
            """, new
        {
            id = Guid.CreateVersion7(),
            slotId = slot.Id,
            doctorId = slot.DoctorId,
            patientId,
            seats,
            status,
            start = slot.StartTime,
            end = slot.EndTime,
            expires = expiresAt,
            now,
        }, tx);
        // A lapsed hold still counts in seats_taken until the sweeper gives its seats back.
        if (holdsSeats || lapsedHold)
        {
            await connection.ExecuteAsync("UPDATE slots SET seats_taken = seats_taken + @seats WHERE id = @id", new { seats, id = slot.Id }, tx);
        }
        await tx.CommitAsync();
    }

    public static async Task<long> CountBookingsAsync(this LockingApp app, Guid slotId)
    {
        await using var connection = await app.OpenDatabaseAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bookings WHERE slot_id = @id", new { id = slotId });
    }

    /// <summary>Retries of one keyed booking: one 201, the rest 200 with that same booking, one row, one seat. Returns its id.</summary>
    public static async Task<Guid> AssertOneBookingMadeAsync(this LockingApp app, HttpResponseMessage[] responses, Guid slot)
    {
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(responses.Length - 1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var ids = new HashSet<Guid>();
        foreach (var response in responses)
        {
            ids.Add((await response.ReadAsync<BookingView>()).Id);
        }
        var id = Assert.Single(ids);
        Assert.Equal(1, await app.QueryAsync<long>("SELECT COUNT(*) FROM bookings WHERE slot_id = @slot", new { slot }));
        Assert.Equal(1, await app.QueryAsync<long>("SELECT seats_taken FROM slots WHERE id = @slot", new { slot }));
        return id;
    }
}
