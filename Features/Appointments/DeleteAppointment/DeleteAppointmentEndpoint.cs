using System.Security.Claims;
using Dapper;
using Locking.Features.Locks;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Appointments.DeleteAppointment;

public static class DeleteAppointmentEndpoint
{
    private const string Delete = "DELETE FROM appointments WHERE id = @id RETURNING version";

    public static RouteHandlerBuilder MapDeleteAppointment(this IEndpointRouteBuilder app, string pattern) =>
        app.MapDelete(pattern, HandleAsync)
            .WithName("DeleteAppointment")
            .WithSummary("Delete an appointment (admin); also ends its lock")
            .ProducesProblems(400, 401, 403, 404)
            .RequireAuthorization(Policies.Admin);

    private static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal admin, Db db, LeaseTable leases, LockAnnouncer announce, AppointmentStore appointments,
        TimeProvider clock, CancellationToken ct)
    {
        var deleted = await db.WriteAsync(async (c, tx) =>
        {
            var version = await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(Delete, new { id }, tx, cancellationToken: ct));
            if (version is { } v)
            {
                await c.ExecuteAsync(new CommandDefinition(History.Insert,
                    History.Entry(id, clock.GetUtcNow(), admin.UserId(), admin.UserName(), "deleted", v, []), tx, cancellationToken: ct));
            }
            return version is not null;
        }, ct);
        if (!deleted)
        {
            return Problems.NotFound($"No appointment {id}.");
        }
        // Out of the index first, then the lease ended: an acquire that slipped in between sees the
        // appointment gone on its second look and ends its own lease (AcquireLockEndpoint).
        appointments.Deleted(id);
        if (leases.ForceRelease(id) is { Result: LockResult.Released, Previous: { } ended })
        {
            announce.Released(ended, admin.UserId(), "forced");
        }
        return TypedResults.NoContent();
    }
}
