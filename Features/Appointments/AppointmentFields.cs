using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Locking.Infrastructure.Errors;

namespace Locking.Features.Appointments;

/// <summary>The editable fields of an appointment, as create and update take them.</summary>
public class AppointmentFields : IValidatableObject
{
    [Required, MinLength(1), MaxLength(200)] public string? Title { get; init; }
    [Required, MinLength(1), MaxLength(200)] public string? PatientName { get; init; }
    [Required] public DateOnly? DateOfBirth { get; init; }
    [Required, AllowedValues("female", "male", "other", "unknown")] public string? Gender { get; init; }
    [MaxLength(50)] public string? Phone { get; init; }
    [MaxLength(500)] public string? Address { get; init; }
    [MaxLength(200)] public string? DoctorName { get; init; }
    [MaxLength(4000)] public string? Note { get; init; }
    [MaxLength(4000)] public string? Description { get; init; }
    [Required] public DateTimeOffset? StartTime { get; init; }
    [Required] public DateTimeOffset? EndTime { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StartTime is { } start && EndTime is { } end && end <= start)
        {
            yield return new ValidationResult("endTime must be after startTime.", [nameof(EndTime)]);
        }
        if (DateOfBirth is { } born && born > DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)))
        {
            yield return new ValidationResult("dateOfBirth cannot be in the future.", [nameof(DateOfBirth)]);
        }
    }

    /// <summary>The SQL parameters for these fields, instants normalised to UTC.</summary>
    public object ToParameters(Guid id, DateTimeOffset now, long? version = null, long? token = null) => new
    {
        Id = id,
        Title = Title!.Trim(),
        PatientName = PatientName!.Trim(),
        DateOfBirth = DateOfBirth!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Gender,
        Phone,
        Address,
        DoctorName,
        Note,
        Description,
        StartTime = StartTime!.Value.ToUniversalTime(),
        EndTime = EndTime!.Value.ToUniversalTime(),
        Now = now,
        Version = version,
        Token = token,
    };

    /// <summary>Field name to value, for the history's list of changes.</summary>
    public Dictionary<string, object?> Snapshot() => new()
    {
        ["title"] = Title?.Trim(),
        ["patientName"] = PatientName?.Trim(),
        ["dateOfBirth"] = DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["gender"] = Gender,
        ["phone"] = Phone,
        ["address"] = Address,
        ["doctorName"] = DoctorName,
        ["note"] = Note,
        ["description"] = Description,
        ["startTime"] = StartTime?.ToUniversalTime(),
        ["endTime"] = EndTime?.ToUniversalTime(),
    };

    internal static Dictionary<string, object?> Snapshot(AppointmentRow row) => new()
    {
        ["title"] = row.Title,
        ["patientName"] = row.PatientName,
        ["dateOfBirth"] = row.DateOfBirth,
        ["gender"] = row.Gender,
        ["phone"] = row.Phone,
        ["address"] = row.Address,
        ["doctorName"] = row.DoctorName,
        ["note"] = row.Note,
        ["description"] = row.Description,
        ["startTime"] = row.StartTime,
        ["endTime"] = row.EndTime,
    };

    /// <summary><c>{field: {from, to}}</c> for every field whose value differs.</summary>
    public static Dictionary<string, object?> Diff(Dictionary<string, object?> before, Dictionary<string, object?> after) =>
        after.Where(a => !Equals(before.GetValueOrDefault(a.Key), a.Value))
            .ToDictionary(a => a.Key, a => (object?)new { from = before.GetValueOrDefault(a.Key), to = a.Value });
}

internal static class History
{
    // Served as stored, so instants are written as the API writes them everywhere else: UTC with a Z.
    private static readonly System.Text.Json.JsonSerializerOptions ChangesJson =
        new(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new UtcInstantConverter() } };

    public const string Insert = """
        INSERT INTO appointment_history (appointment_id, at, user_id, user_name, action, version, changes)
        VALUES (@AppointmentId, @At, @UserId, @UserName, @Action, @Version, @Changes)
        """;

    public static object Entry(Guid appointmentId, DateTimeOffset at, Guid userId, string userName, string action, long version,
        Dictionary<string, object?> changes) => new
        {
            AppointmentId = appointmentId,
            At = at,
            UserId = userId,
            UserName = userName,
            Action = action,
            Version = version,
            Changes = System.Text.Json.JsonSerializer.Serialize(changes, ChangesJson),
        };
}
