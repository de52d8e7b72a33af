using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Locks;

/// <summary>The lock problems of API.md, worded once for every lock route.</summary>
internal static class LockProblems
{
    public static ProblemHttpResult NoAppointment(Guid id) => Problems.NotFound($"No appointment {id}.");

    public static ProblemHttpResult NoLock(Guid id) => Problems.NotFound($"Appointment {id} is not locked.", "no_lock");

    public static ProblemHttpResult NotHolder(Lease current) =>
        Problems.Forbidden($"Only the lock holder may do this; the lock is held by {current.HolderName}.", "not_lock_holder");

    public static ProblemHttpResult Held(Lease current) => Problems.Conflict("lock_held",
        $"Appointment {current.AppointmentId} is locked by {current.HolderName}.",
        new Dictionary<string, object?> { ["lock"] = LockView.Of(current) });

    public static ProblemHttpResult NoPendingRequest(Guid id) =>
        Problems.Conflict("no_pending_request", $"There is no pending request on appointment {id} to answer.");

    /// <summary>Maps the failures every holder-only operation shares.</summary>
    public static ProblemHttpResult Failure(Guid id, LockOutcome outcome) => outcome.Result switch
    {
        LockResult.NoLock => NoLock(id),
        LockResult.NotHolder => NotHolder(outcome.Current!),
        LockResult.NoPendingRequest => NoPendingRequest(id),
        LockResult.Held => Held(outcome.Current!),
        LockResult.AlreadyHolder => Problems.Conflict("already_lock_holder", "You already hold this lock."),
        LockResult.RequestPending => Problems.Conflict("request_pending",
            $"{outcome.Current!.Pending!.RequestedByName} already asked the holder; wait for the answer or the deadline."),
        _ => throw new InvalidOperationException($"{outcome.Result} is not a failure"),
    };
}
