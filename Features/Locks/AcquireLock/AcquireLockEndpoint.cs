using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Locking.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Locks.AcquireLock;

public sealed record AcquireLockRequest([Range(1, long.MaxValue)] long? ExpectedVersion = null);

public static class AcquireLockEndpoint
{
    public static RouteHandlerBuilder MapAcquireLock(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, Handle)
            .WithName("AcquireLock")
            .WithSummary("Take the edit lock (a lease); by the holder, renew it with the same token")
            .WithDescription("409 `lock_held` (body has `lock`) while someone else holds it; 409 `version_conflict` when `expectedVersion` is stale. Rate-limited per user (`RateLimits:AcquireLock`).")
            .ProducesProblems(400, 401, 403, 404, 409, 429)
            .RequireRateLimiting(RateLimits.AcquireLock);

    private static Results<Ok<LockView>, ProblemHttpResult> Handle(
        Guid id, AcquireLockRequest? request, ClaimsPrincipal user, LeaseTable leases, ILockTargets index, LockAnnouncer announce)
    {
        if (!index.TryGetVersion(id, out var version))
        {
            return LockProblems.NoAppointment(id);
        }
        if (request?.ExpectedVersion is { } expected && expected != version)
        {
            return Problems.Conflict("version_conflict", $"The appointment is at version {version}, not {expected}.",
                new Dictionary<string, object?> { ["currentVersion"] = version });
        }
        var outcome = leases.Acquire(id, user.UserId(), user.UserName());
        // A delete between the check above and this grant: the delete removes the appointment from
        // the index and only then ends its lease, so either its release comes after this grant, or
        // this second look sees the appointment gone and ends the lease itself.
        if (outcome.Result is LockResult.Granted or LockResult.Updated && !index.TryGetVersion(id, out _))
        {
            leases.Release(id, user.UserId());
            return LockProblems.NoAppointment(id);
        }
        switch (outcome.Result)
        {
            case LockResult.Granted:
                announce.Acquired(outcome.Current!, outcome.Previous);
                break;
            case LockResult.Updated:
                announce.Update(id, outcome.Current);
                break;
            default:
                return LockProblems.Failure(id, outcome);
        }
        return TypedResults.Ok(LockView.Of(outcome.Current!));
    }
}
