using System.Security.Claims;
using Locking.Features.Slots;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Hosting;

namespace Locking.Features.Bookings;

public sealed record BookingView(Guid Id, Guid SlotId, Guid DoctorId, Guid PatientId, int Seats, BookingStatus Status,
    DateTimeOffset StartTime, DateTimeOffset EndTime, DateTimeOffset? ExpiresAt, string? ReasonForVisit,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal sealed class BookingRow
{
    public const string Columns = """
        id, slot_id, doctor_id, patient_id, seats, status, start_time, end_time, expires_at, reason_for_visit,
        idempotency_key, created_by, created_at, updated_at
        """;

    public const string ById = $"SELECT {Columns} FROM bookings WHERE id = @id";

    public Guid Id { get; init; }
    public Guid SlotId { get; init; }
    public Guid DoctorId { get; init; }
    public Guid PatientId { get; init; }
    public int Seats { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset StartTime { get; init; }
    public DateTimeOffset EndTime { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public string? ReasonForVisit { get; init; }
    public string? IdempotencyKey { get; init; }
    public Guid CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public bool IsLapsedHold(DateTimeOffset now) => Status == BookingStatuses.Pending && ExpiresAt <= now;

    /// <summary>A hold past its deadline reads as EXPIRED even before the sweeper marks it.</summary>
    public BookingView ToView(DateTimeOffset now) => new(Id, SlotId, DoctorId, PatientId, Seats,
        IsLapsedHold(now) ? BookingStatus.Expired : BookingStatuses.FromSql(Status),
        StartTime, EndTime, ExpiresAt, ReasonForVisit, CreatedAt, UpdatedAt);
}

/// <summary>Who may do what with slots and bookings.</summary>
internal static class BookingAccess
{
    /// <summary>The booking's patient, an admin, or the slot's doctor.</summary>
    public static bool MayRead(this ClaimsPrincipal user, BookingRow booking) =>
        booking.PatientId == user.UserId() || user.ManagesDoctor(booking.DoctorId);

    /// <summary>Staff and admins book on behalf of a patient; a patient only for themself.</summary>
    public static bool MayBookFor(this ClaimsPrincipal user, Guid patientId) =>
        user.IsAdmin() || user.Is(Role.Staff) || (user.Is(Role.Patient) && user.UserId() == patientId);
}

public sealed record BookingSettings(TimeSpan Hold, TimeSpan SweepInterval)
{
    public static BookingSettings From(IConfiguration configuration) =>
        new(TimeSpan.FromSeconds(configuration.Number("Booking:HoldSeconds", 300, 1, 86_400)), configuration.SweepInterval());
}
