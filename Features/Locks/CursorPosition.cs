using System.ComponentModel.DataAnnotations;

namespace Locking.Features.Locks;

/// <summary>Where a collaborator's cursor is: sent over HTTP (UpdatePosition) or the hub, passed on as <c>cursor-update</c>.</summary>
public sealed record CursorPosition(
    [MaxLength(100)] string? Field = null,
    // Bounded: a non-finite number could not be sent on to the other subscribers.
    [Range(-1e9, 1e9)] double? X = null,
    [Range(-1e9, 1e9)] double? Y = null,
    [Range(0, int.MaxValue)] int? Line = null,
    [Range(0, int.MaxValue)] int? Column = null);
