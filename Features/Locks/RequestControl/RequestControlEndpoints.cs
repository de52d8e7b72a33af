using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Locks.RequestControl;

/// <summary>
/// An admin asks the holder for control; the holder approves (the lock moves to the admin) or
/// rejects. Unanswered by the deadline, the sweeper grants it with <c>auto: true</c>.
/// </summary>
public static class RequestControlEndpoints
{
    public static RouteHandlerBuilder MapRequestControl(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, Request)
            .WithName("RequestControl")
            .WithSummary("An admin asks the holder to hand the lock over")
            .WithDescription("Sends `request-control` to the holder. Granted automatically after `Locks:ControlRequestTimeoutSeconds`. 409 `already_lock_holder` when the admin holds it.")
            .ProducesProblems(400, 401, 403, 404, 409)
            .RequireAuthorization(Policies.Admin);

    public static RouteHandlerBuilder MapApproveRequestControl(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, Approve)
            .WithName("ApproveRequestControl")
            .WithSummary("The holder hands the lock to the admin who asked")
            .ProducesProblems(400, 401, 403, 404, 409);

    public static RouteHandlerBuilder MapRejectRequestControl(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, Reject)
            .WithName("RejectRequestControl")
            .WithSummary("The holder turns the pending request down and keeps the lock")
            .ProducesProblems(400, 401, 403, 404, 409);

    private static Results<Accepted<LockView>, ProblemHttpResult> Request(Guid id, ClaimsPrincipal admin, LeaseTable leases, LockAnnouncer announce) =>
        LockRequests.Place(id, RequestKind.Control, admin, leases, announce);

    private static async Task<Results<Ok<LockView>, ProblemHttpResult>> Approve(
        Guid id, ClaimsPrincipal user, LeaseTable leases, LockAnnouncer announce, AppointmentFence fence, CancellationToken ct)
    {
        var outcome = leases.Approve(id, user.UserId(), RequestKind.Control);
        if (!outcome.Succeeded)
        {
            return LockProblems.Failure(id, outcome);
        }
        await fence.RaiseAsync(outcome.Current!, ct);
        announce.RequestGranted(outcome.Previous!, outcome.Current, auto: false);
        return TypedResults.Ok(LockView.Of(outcome.Current!));
    }

    private static Results<NoContent, ProblemHttpResult> Reject(Guid id, ClaimsPrincipal user, LeaseTable leases, LockAnnouncer announce)
    {
        var outcome = leases.Reject(id, user.UserId());
        if (!outcome.Succeeded)
        {
            return LockProblems.Failure(id, outcome);
        }
        announce.RequestRejected(outcome.Previous!, outcome.Current!);
        return TypedResults.NoContent();
    }
}
