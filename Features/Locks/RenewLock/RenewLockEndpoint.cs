using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Locks.RenewLock;

public static class RenewLockEndpoint
{
    public static RouteHandlerBuilder MapRenewLock(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, Handle)
            .WithName("RenewLock")
            .WithSummary("The holder extends the lease by Locks:TtlSeconds from now")
            .ProducesProblems(400, 401, 403, 404);

    private static Results<Ok<LockView>, ProblemHttpResult> Handle(Guid id, ClaimsPrincipal user, LeaseTable leases, LockAnnouncer announce)
    {
        var outcome = leases.Touch(id, user.UserId());
        if (!outcome.Succeeded)
        {
            return LockProblems.Failure(id, outcome);
        }
        announce.Update(id, outcome.Current);
        return TypedResults.Ok(LockView.Of(outcome.Current!));
    }
}
