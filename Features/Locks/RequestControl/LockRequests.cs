using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Locks.RequestControl;

/// <summary>Placing an admin's request (control or force-release) with the holder: shared by both request routes.</summary>
internal static class LockRequests
{
    public static Results<Accepted<LockView>, ProblemHttpResult> Place(
        Guid id, RequestKind kind, ClaimsPrincipal admin, LeaseTable leases, LockAnnouncer announce)
    {
        var outcome = leases.Request(id, kind, admin.UserId(), admin.UserName());
        if (!outcome.Succeeded)
        {
            return LockProblems.Failure(id, outcome);
        }
        if (!ReferenceEquals(outcome.Current, outcome.Previous))
        {
            announce.RequestPlaced(outcome.Current!);
        }
        return TypedResults.Accepted((string?)null, LockView.Of(outcome.Current!));
    }
}
