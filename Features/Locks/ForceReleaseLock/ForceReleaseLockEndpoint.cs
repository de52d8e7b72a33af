using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Locks.ForceReleaseLock;

public static class ForceReleaseLockEndpoint
{
    public static RouteHandlerBuilder MapForceReleaseLock(this IEndpointRouteBuilder app, string pattern) =>
        app.MapDelete(pattern, Handle)
            .WithName("ForceReleaseLock")
            .WithSummary("An admin ends whoever's lease it is, at once (reason `forced`, plus `admin-takeover`)")
            .ProducesProblems(400, 401, 403, 404)
            .RequireAuthorization(Policies.Admin);

    private static Results<NoContent, ProblemHttpResult> Handle(Guid id, ClaimsPrincipal admin, LeaseTable leases, LockAnnouncer announce)
    {
        var outcome = leases.ForceRelease(id);
        if (!outcome.Succeeded)
        {
            return LockProblems.Failure(id, outcome);
        }
        announce.ForceReleased(outcome.Previous!, admin.UserId(), admin.UserName());
        return TypedResults.NoContent();
    }
}
