using System.Data;
using Dapper;
using Locking.Infrastructure.Data;
using System.Data.Common;

namespace Locking.Features.Slots;

/// <summary>What the slot features share: the no-overlap insert and reading one slot.</summary>
internal static class SlotStore
{
    // One statement decides: the slot goes in only if the doctor exists and none of their slots
    // overlaps it. SQLite runs it alone (one writer); on PostgreSQL a slot inserted concurrently by
    // another connection is caught by the exclusion constraint, which ON CONFLICT turns into no row.
    private const string InsertIfFreeSelect = """
        INSERT INTO slots (id, doctor_id, start_time, end_time, capacity, seats_taken, is_available, created_at)
        SELECT @Id, @DoctorId, @StartTime, @EndTime, @Capacity, 0, 1, @CreatedAt
        WHERE EXISTS (SELECT 1 FROM doctors WHERE id = @DoctorId)
          AND NOT EXISTS (SELECT 1 FROM slots WHERE doctor_id = @DoctorId AND start_time < @EndTime AND end_time > @StartTime)
        """;

    private static readonly Sql InsertIfFree = new(
        Sqlite: InsertIfFreeSelect,
        Postgres: InsertIfFreeSelect + " ON CONFLICT DO NOTHING");

    private const string DoctorExists = "SELECT EXISTS (SELECT 1 FROM doctors WHERE id = @doctorId)";

    /// <summary>A new, empty, available slot (not yet stored).</summary>
    public static SlotView New(Guid doctorId, DateTimeOffset start, DateTimeOffset end, int capacity, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), doctorId, start.ToUniversalTime(), end.ToUniversalTime(), capacity, capacity, IsAvailable: true, now);

    /// <summary>Stores <paramref name="slot"/> unless it overlaps one of its doctor's slots (or the doctor is unknown).</summary>
    public static async Task<bool> TryInsertAsync(DbConnection connection, IDbTransaction tx, SlotView slot, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(InsertIfFree.For(connection), new
        {
            slot.Id,
            slot.DoctorId,
            slot.StartTime,
            slot.EndTime,
            slot.Capacity,
            slot.CreatedAt,
        }, tx, cancellationToken: ct)) == 1;

    public static Task<bool> DoctorExistsAsync(DbConnection connection, IDbTransaction? tx, Guid doctorId, CancellationToken ct) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(DoctorExists, new { doctorId }, tx, cancellationToken: ct));

    public static async Task<SlotView?> FindAsync(DbConnection connection, IDbTransaction? tx, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SlotRow>(new CommandDefinition(
            $"{SlotRow.Select} WHERE s.id = @Id", new { Id = id, Now = now }, tx, cancellationToken: ct));
        return row?.ToView();
    }
}
