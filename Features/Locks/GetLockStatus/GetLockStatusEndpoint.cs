using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Locks.GetLockStatus;

public static class GetLockStatusEndpoint
{
    public static RouteHandlerBuilder MapGetLockStatus(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, Handle)
            .WithName("GetLockStatus")
            .WithSummary("Whether the appointment is locked, and by whom")
            .ProducesProblems(400, 401, 403, 404);

    private static Results<Ok<LockStatus>, ProblemHttpResult> Handle(Guid id, LeaseTable leases, ILockTargets index) =>
        index.TryGetVersion(id, out _) ? TypedResults.Ok(LockStatus.Of(id, leases.Get(id))) : LockProblems.NoAppointment(id);
}
