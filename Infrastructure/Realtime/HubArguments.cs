using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace Locking.Infrastructure.Realtime;

/// <summary>
/// Ids reach the hub as raw JSON and are read here: an argument that SignalR itself fails to bind
/// answers only "Failed to invoke … due to an error on the server", with no reason a client can show.
/// </summary>
internal static class HubArguments
{
    private const int Shown = 60;

    public static Guid Id(JsonElement value, string name) =>
        AsGuid(value) ?? throw new HubException($"validation_failed: {name} must be a GUID, not {Quote(value)}.");

    /// <summary>A GUID, or null (JSON null) for <paramref name="nullMeans"/>.</summary>
    public static Guid? IdOrNull(JsonElement value, string name, string nullMeans) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null
        : AsGuid(value) ?? throw new HubException($"validation_failed: {name} must be a GUID, or null for {nullMeans}, not {Quote(value)}.");

    private static Guid? AsGuid(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id) ? id : null;

    private static string Quote(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.Undefined ? "nothing" : value.GetRawText();
        return text.Length <= Shown ? text : $"{text[..Shown]}…";
    }
}
