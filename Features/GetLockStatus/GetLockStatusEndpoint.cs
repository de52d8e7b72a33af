using Locking.Infrastructure.Appointments;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Locking.Infrastructure.Locks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.GetLockStatus;

public static class GetLockStatusEndpoint
{
    public static IEndpointRouteBuilder MapGetLockStatus(this IEndpointRouteBuilder app)
    {
        app.MapGet("/appointments/{id}/lock-status", Handle)
            .WithName("GetLockStatus")
            .WithSummary("Whether the appointment is locked, and by whom")
            .ProducesProblems(400, 401, 403, 404);
        return app;
    }

    private static Results<Ok<LockStatus>, ProblemHttpResult> Handle(Guid id, LeaseTable leases, AppointmentIndex index) =>
        index.TryGetVersion(id, out _) ? TypedResults.Ok(LockStatus.Of(id, leases.Get(id))) : LockProblems.NoAppointment(id);
}
