using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Locks.UpdatePosition;

public static class UpdatePositionEndpoint
{
    public static RouteHandlerBuilder MapUpdatePosition(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, Handle)
            .WithName("UpdatePosition")
            .WithSummary("Share your cursor with the appointment's other subscribers (the holder's also renews the lease)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404);

    private static Results<Accepted, ProblemHttpResult> Handle(
        Guid id, CursorPosition position, ClaimsPrincipal user, LeaseTable leases, ILockTargets index, LockAnnouncer announce, TimeProvider clock)
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
