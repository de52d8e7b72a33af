using Locking.Features.Locks.AcquireLock;
using Locking.Features.Locks.ForceReleaseLock;
using Locking.Features.Locks.GetLockStatus;
using Locking.Features.Locks.ListLocks;
using Locking.Features.Locks.ReleaseLock;
using Locking.Features.Locks.RenewLock;
using Locking.Features.Locks.RequestControl;
using Locking.Features.Locks.Takeover;
using Locking.Features.Locks.UpdatePosition;
using Locking.Infrastructure.Auth;

namespace Locking.Features.Locks;

/// <summary>An appointment's edit lock: the lease, the cursor, and the admins' hand-over.</summary>
internal static class LocksApi
{
    public static IEndpointRouteBuilder MapLocksApi(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/locks").WithTags("Locks").RequireAuthorization(Policies.Editor)
            .MapListLocks("");

        var appointment = api.MapGroup("/appointments/{id}").WithTags("Locks").RequireAuthorization(Policies.Editor);
        appointment.MapGetLockStatus("/lock-status");
        appointment.MapAcquireLock("/acquire-lock");
        appointment.MapRenewLock("/renew-lock");
        appointment.MapReleaseLock("/release-lock");
        appointment.MapForceReleaseLock("/force-release-lock");
        appointment.MapTakeover("/takeover");
        appointment.MapUpdatePosition("/update-position");
        // The hand-over protocol: an admin asks, the holder answers, or the deadline does.
        appointment.MapRequestControl("/request-control");
        appointment.MapApproveRequestControl("/approve-request-control");
        appointment.MapRejectRequestControl("/reject-request-control");
        appointment.MapForceReleaseLockRequest("/force-release-lock-request");
        appointment.MapForceReleaseLockApprove("/force-release-lock-approve");
        return api;
    }
}
