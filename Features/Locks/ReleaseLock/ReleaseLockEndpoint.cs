using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Locks.ReleaseLock;

public static class ReleaseLockEndpoint
{
    public static RouteHandlerBuilder MapReleaseLock(this IEndpointRouteBuilder app, string pattern) =>
        app.MapDelete(pattern, Handle)
            .WithName("ReleaseLock")
            .WithSummary("The holder ends the lease")
            .ProducesProblems(400, 401, 403, 404);

    private static Results<NoContent, ProblemHttpResult> Handle(Guid id, ClaimsPrincipal user, LeaseTable leases, LockAnnouncer announce)
    {
        var outcome = leases.Release(id, user.UserId());
        if (!outcome.Succeeded)
        {
            return LockProblems.Failure(id, outcome);
        }
        announce.Released(outcome.Previous!, user.UserId(), "released");
        return TypedResults.NoContent();
    }
}
