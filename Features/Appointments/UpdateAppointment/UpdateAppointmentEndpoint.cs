using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using Locking.Features.Locks;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Appointments.UpdateAppointment;

public sealed class UpdateAppointmentRequest : AppointmentFields
{
    /// <summary>The version this edit was made from; a newer stored version answers 409 <c>version_conflict</c>.</summary>
    [Required, Range(1, long.MaxValue)] public long? Version { get; init; }

    /// <summary>The fencing token of the caller's lease; an older one answers 409 <c>stale_lock_token</c>.</summary>
    [Range(1, long.MaxValue)] public long? FencingToken { get; init; }
}

public static class UpdateAppointmentEndpoint
{
    // The version and the fence decide in the statement itself: two writers can never both win.
    private const string Update = $"""
        UPDATE appointments
        SET title = @Title, patient_name = @PatientName, date_of_birth = @DateOfBirth, gender = @Gender, phone = @Phone,
            address = @Address, doctor_name = @DoctorName, note = @Note, description = @Description,
            start_time = @StartTime, end_time = @EndTime, version = version + 1, fencing_token = @Token, updated_at = @Now
        WHERE id = @Id AND version = @Version AND fencing_token <= @Token
        RETURNING {AppointmentRow.Columns}
        """;

    public static RouteHandlerBuilder MapUpdateAppointment(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPut(pattern, HandleAsync)
            .WithName("UpdateAppointment")
            .WithSummary("Write an appointment: needs its lock, its current version and (optionally) the lease's fencing token")
            .WithDescription("423 `lock_required` without the lock; 409 `version_conflict` (body has `currentVersion`); 409 `stale_lock_token`. The write renews the lease.")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409, 423);

    private static async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> HandleAsync(
        Guid id, UpdateAppointmentRequest request, ClaimsPrincipal user, Db db, LeaseTable leases, AppointmentIndex index,
        AppointmentStore appointments, TimeProvider clock, CancellationToken ct)
    {
        if (!index.TryGetVersion(id, out _))
        {
            return Problems.NotFound($"No appointment {id}.");
        }
        var userId = user.UserId();
        var lease = leases.Get(id);
        if (lease is null)
        {
            return LockRequired(id, null);
        }
        if (request.FencingToken is { } claimed && claimed != lease.FencingToken)
        {
            return claimed < lease.FencingToken
                ? StaleToken(claimed, lease.FencingToken)
                : Problems.Validation("fencingToken", $"Fencing token {claimed} was never granted for appointment {id}.");
        }
        if (lease.HolderId != userId)
        {
            return LockRequired(id, lease);
        }
        var token = lease.FencingToken;
        var now = clock.GetUtcNow();
        var (after, problem) = await db.WriteAsync<(AppointmentRow?, ProblemHttpResult?)>(async (c, tx) =>
        {
            var before = await c.QuerySingleOrDefaultAsync<AppointmentRow>(new CommandDefinition(
                $"SELECT {AppointmentRow.Columns} FROM appointments WHERE id = @id", new { id }, tx, cancellationToken: ct));
            if (before is null)
            {
                return (null, Problems.NotFound($"No appointment {id}."));
            }
            // Checked again inside the single write turn, so a lease lost since the first check refuses
            // the write. A takeover or transfer also raises the stored fence (AppointmentFence) in a
            // later write turn, so after it no older token can pass the UPDATE below; a lease that merely
            // expired has no such raise, and there the version check keeps a late write from
            // overwriting the next holder's work.
            if (leases.Get(id) is not { } still || still.FencingToken != token)
            {
                return (null, LockRequired(id, leases.Get(id)));
            }
            var updated = await c.QuerySingleOrDefaultAsync<AppointmentRow>(new CommandDefinition(
                Update, request.ToParameters(id, now, request.Version, token), tx, cancellationToken: ct));
            if (updated is null)
            {
                return (null, before.Version != request.Version ? VersionConflict(before.Version, request.Version!.Value) : StaleToken(token, before.FencingToken));
            }
            var changes = AppointmentFields.Diff(AppointmentFields.Snapshot(before), request.Snapshot());
            await c.ExecuteAsync(new CommandDefinition(History.Insert,
                History.Entry(id, now, userId, user.UserName(), "updated", updated.Version, changes), tx, cancellationToken: ct));
            return (updated, null);
        }, ct);
        if (problem is not null)
        {
            return problem;
        }
        // Only what committed is announced.
        var view = after!.ToView();
        appointments.Changed(view);
        leases.Touch(id, userId);
        return TypedResults.Ok(view);
    }

    private static ProblemHttpResult LockRequired(Guid id, Lease? lease) => Problems.Of(StatusCodes.Status423Locked, "lock_required",
        lease is null ? $"Acquire the lock on appointment {id} before writing it." : $"The lock on appointment {id} is held by {lease.HolderName}.");

    private static ProblemHttpResult StaleToken(long claimed, long current) => Problems.Conflict("stale_lock_token",
        $"Fencing token {claimed} is older than the current lease's ({current}); acquire the lock again.");

    private static ProblemHttpResult VersionConflict(long current, long sent) => Problems.Conflict("version_conflict",
        $"The appointment is at version {current}; this edit was made from version {sent}. Reload and reapply.",
        new Dictionary<string, object?> { ["currentVersion"] = current });
}
