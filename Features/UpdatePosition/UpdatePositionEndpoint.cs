using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Locking.Infrastructure.Appointments;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Locking.Infrastructure.Locks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.UpdatePosition;

public sealed record CursorPosition(
    [MaxLength(100)] string? Field = null,
    // Bounded: a non-finite number could not be sent on to the other subscribers.
    [Range(-1e9, 1e9)] double? X = null,
    [Range(-1e9, 1e9)] double? Y = null,
    [Range(0, int.MaxValue)] int? Line = null,
    [Range(0, int.MaxValue)] int? Column = null);

public static class UpdatePositionEndpoint
{
    public static IEndpointRouteBuilder MapUpdatePosition(this IEndpointRouteBuilder app)
    {
        app.MapPost("/appointments/{id}/update-position", Handle)
            .WithName("UpdatePosition")
            .WithSummary("Share your cursor with the appointment's other subscribers (the holder's also renews the lease)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404);
        return app;
    }

    private static Results<Accepted, ProblemHttpResult> Handle(
        Guid id, CursorPosition position, ClaimsPrincipal user, LeaseTable leases, AppointmentIndex index, LockAnnouncer announce, TimeProvider clock)
    {
        if (!index.TryGetVersion(id, out _))
        {
            return LockProblems.NoAppointment(id);
        }
        leases.Touch(id, user.UserId());
        announce.Cursor(id, user.UserId(), user.UserName(), position, clock.GetUtcNow());
        return TypedResults.Accepted((string?)null);
    }
}
