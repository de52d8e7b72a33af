using System.Security.Claims;
using Locking.Infrastructure.Appointments;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Locking.Infrastructure.Locks;
using Locking.Infrastructure.Realtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.UpdatePosition;

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
