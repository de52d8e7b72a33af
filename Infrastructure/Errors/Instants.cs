using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locking.Infrastructure.Errors;

/// <summary>
/// The calendar window every instant and date the API accepts lies in. Far enough for any
/// birth date or booking, and far from the edges where adding an hour or a time zone's offset
/// to 9999-12-31 or 0001-01-01 overflows.
/// </summary>
internal static class Instants
{
    public static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string Window = "between 1900-01-01 and 2200-01-01";

    public static bool InWindow(DateTimeOffset instant) => instant >= Earliest && instant < Latest;

    public static bool InWindow(DateOnly date) => date.Year is >= 1900 and < 2200;
}

/// <summary>A value our converters refuse, with a sentence the client can act on (kept in the problem's detail).</summary>
internal sealed class RefusedJsonValue(string message) : JsonException(message);

/// <summary>A query's instant outside <see cref="Instants"/>' window is a validation error.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class InWindowAttribute() : ValidationAttribute($"{{0}} must lie {Instants.Window}.")
{
    public override bool IsValid(object? value) => value is not DateTimeOffset instant || Instants.InWindow(instant);
}

/// <summary>Dates (<c>2026-03-23</c>) in bodies: ISO-8601 only, inside the window.</summary>
internal sealed class WindowedDateConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String
            || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new RefusedJsonValue("A date must be ISO-8601, e.g. 2026-03-23.");
        }
        return Instants.InWindow(date) ? date : throw new RefusedJsonValue($"A date must lie {Instants.Window}.");
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
