using System.Data;
using Dapper;
using Locking.Features.Slots;
using System.Data.Common;

namespace Locking.Features.Bookings;

/// <summary>
/// Marks lapsed holds EXPIRED and gives their seats back, inside the caller's write transaction:
/// lazily for one slot (and the booking patient's own) before a booking, and for every slot from the sweeper.
/// </summary>
internal static class HoldExpiry
{
    private const string Expire = $"""
        UPDATE bookings SET status = '{BookingStatuses.Expired}', updated_at = @now
        WHERE status = '{BookingStatuses.Pending}' AND expires_at <= @now AND (@slotId IS NULL OR slot_id = @slotId OR patient_id = @patientId)
        RETURNING id, slot_id, doctor_id, patient_id, seats
        """;

    private const string GiveBack = """
        UPDATE slots SET seats_taken = seats_taken - @seats WHERE id = @slotId
        RETURNING capacity - seats_taken
        """;

    public sealed record Expired(Guid BookingId, Guid SlotId, Guid DoctorId, Guid PatientId, int SeatsLeft);

    public static async Task<List<Expired>> ExpireAsync(
        DbConnection connection, IDbTransaction tx, Guid? slotId, DateTimeOffset now, CancellationToken ct, Guid? patientId = null)
    {
        var lapsed = (await connection.QueryAsync<(Guid Id, Guid SlotId, Guid DoctorId, Guid PatientId, int Seats)>(
            new CommandDefinition(Expire, new { now, slotId, patientId }, tx, cancellationToken: ct))).ToList();
        var expired = new List<Expired>(lapsed.Count);
        foreach (var hold in lapsed)
        {
            var seatsLeft = await connection.QuerySingleAsync<int>(
                new CommandDefinition(GiveBack, new { seats = hold.Seats, slotId = hold.SlotId }, tx, cancellationToken: ct));
            expired.Add(new Expired(hold.Id, hold.SlotId, hold.DoctorId, hold.PatientId, seatsLeft));
        }
        return expired;
    }

    public static void Announce(this BookingAnnouncer announce, IEnumerable<Expired> expired)
    {
        foreach (var e in expired)
        {
            announce.HoldExpired(e);
        }
    }
}
