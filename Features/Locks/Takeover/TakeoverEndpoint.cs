using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Locks.Takeover;

public static class TakeoverEndpoint
{
    public static RouteHandlerBuilder MapTakeover(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, Handle)
            .WithName("Takeover")
            .WithSummary("An admin takes the lock over at once, with a new fencing token")
            .WithDescription("The previous holder's writes are refused from then on. Announces `admin-takeover`.")
            .ProducesProblems(400, 401, 403, 404)
            .RequireAuthorization(Policies.Admin);

    private static async Task<Results<Ok<LockView>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal admin, LeaseTable leases, ILockTargets index, LockAnnouncer announce, AppointmentFence fence,
        CancellationToken ct)
    {
        if (!index.TryGetVersion(id, out _))
        {
            return LockProblems.NoAppointment(id);
        }
        var outcome = leases.Takeover(id, admin.UserId(), admin.UserName());
        // Deleted meanwhile: the second look that AcquireLockEndpoint makes, for the same reason.
        if (!index.TryGetVersion(id, out _))
        {
            leases.Release(id, admin.UserId());
            return LockProblems.NoAppointment(id);
        }
        if (outcome.Result == LockResult.Updated)
        {
            announce.Update(id, outcome.Current);
        }
        else
        {
            if (outcome.Result == LockResult.Transferred)
            {
                await fence.RaiseAsync(outcome.Current!, ct);
            }
            if (outcome.Result == LockResult.Granted && outcome.Previous is { } expired)
            {
                announce.Released(expired, expired.HolderId, expired.Disconnected ? "disconnected" : "expired", update: false);
            }
            announce.TakenOver(outcome.Current!, outcome.Result == LockResult.Transferred ? outcome.Previous : null);
        }
        return TypedResults.Ok(LockView.Of(outcome.Current!));
    }
}
