using Dapper;
using Locking.Features.Slots;
using Locking.Infrastructure.Data;
using System.Data;
using System.Data.Common;

namespace Locking.Features.Bookings;

/// <summary>A request for seats: a hold (PENDING until it lapses) or a one-step CONFIRMED booking.</summary>
internal sealed record SeatRequest(Guid SlotId, Guid PatientId, Guid CreatedBy, int Seats, bool Hold, string? ReasonForVisit = null, string? IdempotencyKey = null);

internal enum SeatResult
{
    Created,
    /// <summary>The same user sent the same Idempotency-Key before: here is that booking.</summary>
    Replayed,
    SlotNotFound,
    SlotFull,
    SlotUnavailable,
    BookingConflict,
}

internal sealed record SeatOutcome(SeatResult Result, List<HoldExpiry.Expired> Expired, BookingRow? Booking = null, int SeatsLeft = 0);

/// <summary>
/// Takes seats in one write transaction. The database decides: the conditional
/// <c>UPDATE … WHERE seats_taken + @Seats &lt;= capacity</c> either takes the seats or changes nothing
/// (on PostgreSQL a concurrent writer's row lock makes it re-check the committed count). The
/// patient's overlapping active bookings are looked up inside the same transaction, which SQLite's
/// single writer makes final; on PostgreSQL the exclusion constraint on bookings is what refuses
/// the second of two racing bookings.
/// </summary>
internal sealed class SeatBooking(Db db, BookingSettings settings, TimeProvider clock)
{
    private const string ByKey = $"SELECT {BookingRow.Columns} FROM bookings WHERE created_by = @CreatedBy AND idempotency_key = @IdempotencyKey";

    private const string Slot = "SELECT doctor_id, start_time, end_time FROM slots WHERE id = @SlotId";

    private sealed class SlotTimes
    {
        public Guid DoctorId { get; init; }
        public DateTimeOffset StartTime { get; init; }
        public DateTimeOffset EndTime { get; init; }
    }

    private const string Overlaps = $"""
        SELECT EXISTS (SELECT 1 FROM bookings
            WHERE patient_id = @PatientId AND status IN ('{BookingStatuses.Pending}', '{BookingStatuses.Confirmed}', '{BookingStatuses.InProgress}')
              AND NOT (status = '{BookingStatuses.Pending}' AND expires_at <= @Now)
              AND start_time < @End AND end_time > @Start)
        """;

    private const string Take = """
        UPDATE slots SET seats_taken = seats_taken + @Seats
        WHERE id = @SlotId AND is_available = 1 AND start_time > @Now AND seats_taken + @Seats <= capacity
        RETURNING capacity - seats_taken
        """;

    private const string Usable = "SELECT is_available = 1 AND start_time > @Now FROM slots WHERE id = @SlotId";

    private const string Insert = $"""
        INSERT INTO bookings (id, slot_id, doctor_id, patient_id, seats, status, start_time, end_time, expires_at,
                              reason_for_visit, idempotency_key, created_by, created_at, updated_at)
        VALUES (@Id, @SlotId, @DoctorId, @PatientId, @Seats, @Status, @Start, @End, @ExpiresAt,
                @ReasonForVisit, @IdempotencyKey, @CreatedBy, @Now, @Now)
        RETURNING {BookingRow.Columns}
        """;

    public async Task<SeatOutcome> TakeAsync(SeatRequest request, CancellationToken ct)
    {
        try
        {
            return await db.WriteAsync((c, tx) => TakeAsync(c, tx, request, ct), ct);
        }
        catch (DbException e) when (db.IsConstraintViolation(e))
        {
            // A booking that raced in on another connection or instance won: the unique
            // (created_by, idempotency_key) index caught a duplicate key, or PostgreSQL's exclusion
            // constraint an overlapping booking of the patient. This transaction changed nothing;
            // run again, and its reads see the winner (replayed, or booking_conflict).
            return await db.WriteAsync((c, tx) => TakeAsync(c, tx, request, ct), ct);
        }
    }

    private async Task<SeatOutcome> TakeAsync(DbConnection c, IDbTransaction tx, SeatRequest r, CancellationToken ct)
    {
        if (r.IdempotencyKey is not null && await EarlierAsync(c, tx, r, ct) is { } earlier)
        {
            return new SeatOutcome(SeatResult.Replayed, [], earlier);
        }
        var outcome = await TakeSeatsAsync(c, tx, r, ct);
        // On PostgreSQL a retry with the same key may commit between this transaction's first look
        // and its seat check, and then looks like the patient's own overlap or a full slot: it is this
        // booking, replayed (each statement sees what was committed before it began).
        if (outcome.Result is not SeatResult.Created && r.IdempotencyKey is not null && await EarlierAsync(c, tx, r, ct) is { } winner)
        {
            return new SeatOutcome(SeatResult.Replayed, outcome.Expired, winner);
        }
        return outcome;
    }

    private static Task<BookingRow?> EarlierAsync(DbConnection c, IDbTransaction tx, SeatRequest r, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<BookingRow>(new CommandDefinition(ByKey, r, tx, cancellationToken: ct));

    private async Task<SeatOutcome> TakeSeatsAsync(DbConnection c, IDbTransaction tx, SeatRequest r, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var s = await c.QuerySingleOrDefaultAsync<SlotTimes>(new CommandDefinition(Slot, r, tx, cancellationToken: ct));
        if (s is null)
        {
            return new SeatOutcome(SeatResult.SlotNotFound, []);
        }
        // The slot's lapsed holds give their seats back; the patient's own no longer count as theirs.
        var expired = await HoldExpiry.ExpireAsync(c, tx, r.SlotId, now, ct, r.PatientId);
        var args = new
        {
            Id = Guid.CreateVersion7(),
            r.SlotId,
            s.DoctorId,
            r.PatientId,
            r.Seats,
            Status = r.Hold ? BookingStatuses.Pending : BookingStatuses.Confirmed,
            Start = s.StartTime,
            End = s.EndTime,
            ExpiresAt = r.Hold ? now + settings.Hold : (DateTimeOffset?)null,
            r.ReasonForVisit,
            r.IdempotencyKey,
            r.CreatedBy,
            Now = now,
        };
        if (await c.ExecuteScalarAsync<bool>(new CommandDefinition(Overlaps, args, tx, cancellationToken: ct)))
        {
            return new SeatOutcome(SeatResult.BookingConflict, expired);
        }
        var seatsLeft = await c.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(Take, args, tx, cancellationToken: ct));
        if (seatsLeft is null)
        {
            var usable = await c.ExecuteScalarAsync<bool>(new CommandDefinition(Usable, args, tx, cancellationToken: ct));
            return new SeatOutcome(usable ? SeatResult.SlotFull : SeatResult.SlotUnavailable, expired);
        }
        var booking = await c.QuerySingleAsync<BookingRow>(new CommandDefinition(Insert, args, tx, cancellationToken: ct));
        return new SeatOutcome(SeatResult.Created, expired, booking, seatsLeft.Value);
    }
}
