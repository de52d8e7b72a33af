using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Slots;

/// <summary>Who manages a doctor's slots (admins, and the doctor themself), as the slot endpoints check it.</summary>
internal static class SlotManagers
{
    private static readonly IAuthorizeData Managers = new AuthorizeAttribute { Roles = $"{RoleNames.Admin},{RoleNames.Doctor}" };

    /// <summary>
    /// Only admins and doctors reach a slot-management handler, which then checks that the doctor is the
    /// caller's own: 401, 403, and 404 for a missing slot or doctor.
    /// </summary>
    public static RouteHandlerBuilder ForSlotManagers(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAuthorization(Managers);

    /// <summary>403 for a caller who neither is an admin nor the doctor.</summary>
    public static ProblemHttpResult NotYours() => Problems.Forbidden("Only admins and the doctor themself manage a doctor's slots.");

    /// <summary>True, with 404 or 403, when slot <paramref name="id"/> is missing or not the caller's to manage.</summary>
    public static bool Refuses(this ClaimsPrincipal user, Guid id, [NotNullWhen(false)] SlotView? slot,
        [NotNullWhen(true)] out ProblemHttpResult? refusal)
    {
        refusal = slot is null ? Problems.NotFound($"No slot {id}.") : user.ManagesDoctor(slot.DoctorId) ? null : NotYours();
        return refusal is not null;
    }
}
