using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Locks;

namespace Locking.Features.GetLockStatus;

public static class GetLockStatusEndpoint
{
    public static IEndpointRouteBuilder MapGetLockStatus(this IEndpointRouteBuilder app)
    {
        app.MapGet("/appointments/{id}/lock-status", (Guid id, LeaseTable leases) => TypedResults.Ok(LockStatus.Of(id, leases.Get(id))))
            .WithTags("Locks")
            .WithName("GetLockStatus")
            .WithSummary("Whether the appointment is locked, and by whom")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(Policies.Editor);
        return app;
    }
}
