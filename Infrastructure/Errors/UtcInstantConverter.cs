using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locking.Infrastructure.Errors;

/// <summary>
/// Instants go out as ISO-8601 UTC with a <c>Z</c> (API.md), and come in only with an explicit
/// offset: a time without one would silently mean the server's local zone. Only instants inside
/// <see cref="Instants"/>' window are accepted.
/// </summary>
internal sealed partial class UtcInstantConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !HasOffset().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            throw new RefusedJsonValue($"An instant must be ISO-8601 with 'Z' or an offset, e.g. 2026-11-22T09:30:00Z, and lie {Instants.Window}.");
        }
        return Instants.InWindow(value)
            ? value.ToUniversalTime()
            : throw new RefusedJsonValue($"An instant must lie {Instants.Window}.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));

    [System.Text.RegularExpressions.GeneratedRegex(@"T.*(Z|[+-]\d\d:?\d\d)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex HasOffset();
}
