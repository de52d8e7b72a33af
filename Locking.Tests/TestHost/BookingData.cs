using Dapper;

namespace Locking.Tests.TestHost;

/// <summary>Test set-up for booking: doctors and slots written straight into the app's database.</summary>
public static class BookingData
{
    public static async Task<Guid> CreateDoctorAsync(this LockingApp app)
    {
        var specialty = Guid.NewGuid();
        var doctor = Guid.NewGuid();
        await using var c = await app.OpenDatabaseAsync();
        await c.ExecuteAsync("INSERT INTO specialties (id, name, created_at) VALUES (@specialty, @name, @now)",
            new { specialty, name = $"Specialty {specialty:N}", now = DateTimeOffset.UtcNow });
        await c.ExecuteAsync("INSERT INTO doctors (id, name, specialty_id, created_at) VALUES (@doctor, @name, @specialty, @now)",
            new { doctor, name = $"Dr. {doctor:N}"[..12], specialty, now = DateTimeOffset.UtcNow });
        return doctor;
    }

    public static async Task<Guid> CreateSlotAsync(this LockingApp app, Guid doctorId, int capacity = 1, DateTimeOffset? start = null, int minutes = 30)
    {
        var id = Guid.NewGuid();
        var begins = start ?? app.Clock.GetUtcNow().AddDays(1);
        await using var c = await app.OpenDatabaseAsync();
        await c.ExecuteAsync("""
            INSERT INTO slots (id, doctor_id, start_time, end_time, capacity, seats_taken, is_available, created_at)
            VALUES (@id, @doctorId, @begins, @ends, @capacity, 0, 1, @now)
            """, new { id, doctorId, begins, ends = begins.AddMinutes(minutes), capacity, now = app.Clock.GetUtcNow() });
        return id;
    }

    public static async Task<T> QueryAsync<T>(this LockingApp app, string sql, object? args = null)
    {
        await using var c = await app.OpenDatabaseAsync();
        return await c.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException("no value");
    }

    public static Task ExecuteAsync(this LockingApp app, string sql, object? args = null) =>
        Task.Run(async () =>
        {
            await using var c = await app.OpenDatabaseAsync();
            await c.ExecuteAsync(sql, args);
        });
}
