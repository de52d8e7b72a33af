using System.Text.Json.Serialization;

namespace Locking.Features.Slots;

// A booking's status is the claim it has on a slot's seats. It lives here, not in Bookings, because
// a slot's seats left and whether it may be deleted depend on it, and Bookings builds on Slots.

public enum BookingStatus
{
    [JsonStringEnumMemberName(BookingStatuses.Pending)] Pending,
    [JsonStringEnumMemberName(BookingStatuses.Confirmed)] Confirmed,
    [JsonStringEnumMemberName(BookingStatuses.InProgress)] InProgress,
    [JsonStringEnumMemberName(BookingStatuses.Completed)] Completed,
    [JsonStringEnumMemberName(BookingStatuses.NoShow)] NoShow,
    [JsonStringEnumMemberName(BookingStatuses.Cancelled)] Cancelled,
    [JsonStringEnumMemberName(BookingStatuses.Expired)] Expired,
}

/// <summary>
/// The statuses as the database stores them: the one place their text is written. SQL uses these
/// constants (<c>$"status = '{BookingStatuses.Pending}'"</c>), code the enum.
/// </summary>
public static class BookingStatuses
{
    public const string Pending = "PENDING";
    public const string Confirmed = "CONFIRMED";
    public const string InProgress = "IN_PROGRESS";
    public const string Completed = "COMPLETED";
    public const string NoShow = "NO_SHOW";
    public const string Cancelled = "CANCELLED";
    public const string Expired = "EXPIRED";

    public static string ToSql(this BookingStatus status) => status switch
    {
        BookingStatus.Pending => Pending,
        BookingStatus.Confirmed => Confirmed,
        BookingStatus.InProgress => InProgress,
        BookingStatus.Completed => Completed,
        BookingStatus.NoShow => NoShow,
        BookingStatus.Cancelled => Cancelled,
        _ => Expired,
    };

    public static BookingStatus FromSql(string status) => status switch
    {
        Pending => BookingStatus.Pending,
        Confirmed => BookingStatus.Confirmed,
        InProgress => BookingStatus.InProgress,
        Completed => BookingStatus.Completed,
        NoShow => BookingStatus.NoShow,
        Cancelled => BookingStatus.Cancelled,
        _ => BookingStatus.Expired,
    };
}
