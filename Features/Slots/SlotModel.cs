using System.Security.Claims;
using Locking.Infrastructure.Auth;

namespace Locking.Features.Slots;

public sealed record SlotView(Guid Id, Guid DoctorId, DateTimeOffset StartTime, DateTimeOffset EndTime, int Capacity, int SeatsLeft,
    bool IsAvailable, DateTimeOffset CreatedAt);

internal sealed class SlotRow
{
    /// <summary>
    /// Seats left counts holds past their deadline as free even before the sweeper marks them:
    /// what a reader sees never depends on when the sweeper last ran.
    /// </summary>
    public const string Select = $"""
        SELECT s.id, s.doctor_id, s.start_time, s.end_time, s.capacity, s.is_available, s.created_at,
               s.capacity - s.seats_taken + COALESCE((SELECT SUM(b.seats) FROM bookings b
                   WHERE b.slot_id = s.id AND b.status = '{BookingStatuses.Pending}' AND b.expires_at <= @Now), 0) AS seats_left
        FROM slots s
        """;

    public Guid Id { get; init; }
    public Guid DoctorId { get; init; }
    public DateTimeOffset StartTime { get; init; }
    public DateTimeOffset EndTime { get; init; }
    public int Capacity { get; init; }
    public bool IsAvailable { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int SeatsLeft { get; init; }

    public SlotView ToView() => new(Id, DoctorId, StartTime, EndTime, Capacity, SeatsLeft, IsAvailable, CreatedAt);
}

/// <summary>Who manages a doctor's slots, and sees their bookings.</summary>
internal static class DoctorAccess
{
    /// <summary>Admins, and the doctor whose slots these are.</summary>
    public static bool ManagesDoctor(this ClaimsPrincipal user, Guid doctorId) =>
        user.IsAdmin() || (user.Is(Role.Doctor) && user.DoctorId() == doctorId);
}
