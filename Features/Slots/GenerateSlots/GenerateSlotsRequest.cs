using System.ComponentModel.DataAnnotations;

namespace Locking.Features.Slots.GenerateSlots;

/// <summary>A weekly pattern of slots over a date range, in wall-clock time of an IANA time zone.</summary>
public sealed class GenerateSlotsRequest : IValidatableObject
{
    /// <summary>Longest date range, in days (both ends included).</summary>
    public const int MaxDays = 366;

    [Required] public Guid? DoctorId { get; init; }
    /// <summary>First date, e.g. <c>2026-03-23</c>.</summary>
    [Required] public DateOnly? FromDate { get; init; }
    /// <summary>Last date (included).</summary>
    [Required] public DateOnly? ToDate { get; init; }
    /// <summary>The weekdays that get slots: <c>["monday", "wednesday"]</c>.</summary>
    [Required, MinLength(1)] public DayOfWeek[]? DaysOfWeek { get; init; }
    /// <summary>Local start of the first slot each day, e.g. <c>08:00</c>.</summary>
    [Required] public TimeOnly? DayStart { get; init; }
    /// <summary>Local time by which the last slot has ended.</summary>
    [Required] public TimeOnly? DayEnd { get; init; }
    [Required, Range(5, 480)] public int? SlotMinutes { get; init; }
    /// <summary>Gap between one slot's end and the next one's start.</summary>
    [Range(0, 240)] public int BufferMinutes { get; init; }
    [Range(1, 100)] public int Capacity { get; init; } = 1;
    /// <summary>IANA time zone of the wall-clock times, e.g. <c>Europe/Berlin</c>.</summary>
    [Required, MaxLength(100)] public string? TimeZone { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ToDate < FromDate)
        {
            yield return new ValidationResult("toDate must not be before fromDate.", [nameof(ToDate)]);
        }
        else if (ToDate!.Value.DayNumber - FromDate!.Value.DayNumber + 1 > MaxDays)
        {
            yield return new ValidationResult($"The date range spans at most {MaxDays} days.", [nameof(ToDate)]);
        }
        if (DayEnd <= DayStart)
        {
            yield return new ValidationResult("dayEnd must be after dayStart.", [nameof(DayEnd)]);
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone!, out _))
        {
            yield return new ValidationResult($"Unknown time zone '{TimeZone}'; use an IANA id such as Europe/Berlin.", [nameof(TimeZone)]);
        }
    }

    /// <summary>
    /// The slots of this pattern as UTC instants, and how many local start times do not exist
    /// (skipped by a spring-forward gap). An ambiguous fall-back time means its first, daylight, occurrence.
    /// </summary>
    internal SlotPlan Plan()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone!);
        var days = DaysOfWeek!.ToHashSet();
        var length = TimeSpan.FromMinutes(SlotMinutes!.Value);
        var step = length + TimeSpan.FromMinutes(BufferMinutes);
        var slots = new List<(DateTimeOffset, DateTimeOffset)>();
        var gaps = 0;
        for (var date = FromDate!.Value; date <= ToDate!.Value; date = date.AddDays(1))
        {
            if (!days.Contains(date.DayOfWeek))
            {
                continue;
            }
            for (var t = DayStart!.Value.ToTimeSpan(); t + length <= DayEnd!.Value.ToTimeSpan(); t += step)
            {
                var local = date.ToDateTime(TimeOnly.FromTimeSpan(t));
                if (zone.IsInvalidTime(local))
                {
                    gaps++;
                    continue;
                }
                var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
                var start = new DateTimeOffset(local, offset).ToUniversalTime();
                slots.Add((start, start + length));
            }
        }
        return new SlotPlan(slots, gaps);
    }
}

/// <summary>The UTC slots of a pattern, and how many of its local start times fell into a DST gap.</summary>
internal sealed record SlotPlan(List<(DateTimeOffset Start, DateTimeOffset End)> Slots, int Gaps);
