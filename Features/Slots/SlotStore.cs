using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Locking.Features.Slots;

/// <summary>What the slot features share: the no-overlap insert and reading one slot.</summary>
internal static class SlotStore
{
    // One statement decides: the slot goes in only if the doctor exists and none of their slots overlaps it.
    private const string InsertIfFree = """
        INSERT INTO slots (id, doctor_id, start_time, end_time, capacity, seats_taken, is_available, created_at)
        SELECT @Id, @DoctorId, @StartTime, @EndTime, @Capacity, 0, 1, @CreatedAt
        WHERE EXISTS (SELECT 1 FROM doctors WHERE id = @DoctorId)
          AND NOT EXISTS (SELECT 1 FROM slots WHERE doctor_id = @DoctorId AND start_time < @EndTime AND end_time > @StartTime)
        """;

    private const string DoctorExists = "SELECT EXISTS (SELECT 1 FROM doctors WHERE id = @doctorId)";

    /// <summary>A new, empty, available slot (not yet stored).</summary>
    public static SlotView New(Guid doctorId, DateTimeOffset start, DateTimeOffset end, int capacity, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), doctorId, start.ToUniversalTime(), end.ToUniversalTime(), capacity, capacity, IsAvailable: true, now);

    /// <summary>Stores <paramref name="slot"/> unless it overlaps one of its doctor's slots (or the doctor is unknown).</summary>
    public static async Task<bool> TryInsertAsync(SqliteConnection connection, IDbTransaction tx, SlotView slot, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(InsertIfFree, new
        {
            slot.Id,
            slot.DoctorId,
            slot.StartTime,
            slot.EndTime,
            slot.Capacity,
            slot.CreatedAt,
        }, tx, cancellationToken: ct)) == 1;

    public static Task<bool> DoctorExistsAsync(SqliteConnection connection, IDbTransaction? tx, Guid doctorId, CancellationToken ct) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(DoctorExists, new { doctorId }, tx, cancellationToken: ct));

    public static async Task<SlotView?> FindAsync(SqliteConnection connection, IDbTransaction? tx, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SlotRow>(new CommandDefinition(
            $"{SlotRow.Select} WHERE s.id = @Id", new { Id = id, Now = now }, tx, cancellationToken: ct));
        return row?.ToView();
    }
}
