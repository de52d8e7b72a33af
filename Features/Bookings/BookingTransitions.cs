using Dapper;
using Locking.Features.Slots;
using Locking.Infrastructure.Data;

namespace Locking.Features.Bookings;

internal enum TransitionResult
{
    Done,
    NotFound,
    Forbidden,
    InvalidTransition,
    HoldExpired,
}

internal sealed record Transition(TransitionResult Result, List<HoldExpiry.Expired> Expired, BookingRow? Booking = null, int SeatsLeft = 0);

/// <summary>
/// The booking lifecycle of API.md. A move is one compare-and-swap on the current status
/// (<c>UPDATE … WHERE status IN (allowed sources)</c>); a cancellation gives the seats back in the
/// same transaction.
/// </summary>
internal sealed class BookingTransitions(Db db, TimeProvider clock)
{
    private const string MoveFrom = $"""
        UPDATE bookings
        SET status = @To,
            expires_at = CASE WHEN @To = '{BookingStatuses.Confirmed}' THEN NULL ELSE expires_at END,
            reason_for_visit = COALESCE(@Reason, reason_for_visit),
            updated_at = @Now
        WHERE id = @Id AND NOT (status = '{BookingStatuses.Pending}' AND expires_at <= @Now) AND status
        """;

    // Dapper expands a list into IN (…) for SQLite but sends PostgreSQL one array parameter.
    private static readonly Sql Move = new(
        Sqlite: $"{MoveFrom} IN @From RETURNING {BookingRow.Columns}",
        Postgres: $"{MoveFrom} = ANY(@From) RETURNING {BookingRow.Columns}");

    private const string GiveBack = "UPDATE slots SET seats_taken = seats_taken - @Seats WHERE id = @SlotId RETURNING capacity - seats_taken";

    /// <summary>The statuses a booking may move to <paramref name="to"/> from.</summary>
    public static string[] AllowedFrom(BookingStatus to) => to switch
    {
        BookingStatus.Confirmed => [BookingStatuses.Pending],
        BookingStatus.InProgress => [BookingStatuses.Confirmed],
        BookingStatus.Completed => [BookingStatuses.InProgress],
        BookingStatus.NoShow => [BookingStatuses.Confirmed],
        BookingStatus.Cancelled => [BookingStatuses.Pending, BookingStatuses.Confirmed],
        _ => [],
    };

    public Task<Transition> MoveAsync(Guid id, BookingStatus to, Func<BookingRow, bool> mayAct, string? reason, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var now = clock.GetUtcNow();
            var before = await c.QuerySingleOrDefaultAsync<BookingRow>(new CommandDefinition(BookingRow.ById, new { id }, tx, cancellationToken: ct));
            if (before is null)
            {
                return new Transition(TransitionResult.NotFound, []);
            }
            if (!mayAct(before))
            {
                return new Transition(TransitionResult.Forbidden, []);
            }
            if (before.IsLapsedHold(now))
            {
                var expired = await HoldExpiry.ExpireAsync(c, tx, before.SlotId, now, ct);
                return new Transition(to == BookingStatus.Confirmed ? TransitionResult.HoldExpired : TransitionResult.InvalidTransition, expired, before);
            }
            var after = await c.QuerySingleOrDefaultAsync<BookingRow>(new CommandDefinition(Move.For(c),
                new { Id = id, To = to.ToSql(), From = AllowedFrom(to), Reason = reason, Now = now }, tx, cancellationToken: ct));
            if (after is null)
            {
                var result = to == BookingStatus.Confirmed && before.Status == BookingStatuses.Expired ? TransitionResult.HoldExpired : TransitionResult.InvalidTransition;
                return new Transition(result, [], before);
            }
            var seatsLeft = to == BookingStatus.Cancelled
                ? await c.QuerySingleAsync<int>(new CommandDefinition(GiveBack, after, tx, cancellationToken: ct))
                : 0;
            return new Transition(TransitionResult.Done, [], after, seatsLeft);
        }, ct);
}
