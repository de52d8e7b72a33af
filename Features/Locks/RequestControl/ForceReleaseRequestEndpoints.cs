using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Locks.RequestControl;

/// <summary>
/// An admin asks the holder to let go; the holder approves (the lock ends) or rejects with
/// reject-request-control. Unanswered by the deadline, it is granted with <c>auto: true</c>.
/// </summary>
public static class ForceReleaseRequestEndpoints
{
    public static RouteHandlerBuilder MapForceReleaseLockRequest(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, Request)
            .WithName("ForceReleaseLockRequest")
            .WithSummary("An admin asks the holder to release the lock")
            .WithDescription("Sends `force-release-lock-request` to the holder; granted automatically after `Locks:ControlRequestTimeoutSeconds`.")
            .ProducesProblems(400, 401, 403, 404, 409)
            .RequireAuthorization(Policies.Admin);

    public static RouteHandlerBuilder MapForceReleaseLockApprove(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, Approve)
            .WithName("ForceReleaseLockApprove")
            .WithSummary("The holder agrees and the lock ends")
            .ProducesProblems(400, 401, 403, 404, 409);

    private static Results<Accepted<LockView>, ProblemHttpResult> Request(Guid id, ClaimsPrincipal admin, LeaseTable leases, LockAnnouncer announce) =>
        LockRequests.Place(id, RequestKind.ForceRelease, admin, leases, announce);

    private static Results<NoContent, ProblemHttpResult> Approve(Guid id, ClaimsPrincipal user, LeaseTable leases, LockAnnouncer announce)
    {
        var outcome = leases.Approve(id, user.UserId(), RequestKind.ForceRelease);
        if (!outcome.Succeeded)
        {
            return LockProblems.Failure(id, outcome);
        }
        announce.RequestGranted(outcome.Previous!, null, auto: false);
        return TypedResults.NoContent();
    }
}
