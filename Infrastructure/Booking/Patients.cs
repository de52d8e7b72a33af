using System.Security.Claims;
using Dapper;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Infrastructure.Booking;

/// <summary>Whom a hold or booking is for: the patient themself, or a patient named by staff or an admin.</summary>
internal sealed class Patients(Db db)
{
    public async Task<(Guid PatientId, ProblemHttpResult? Problem)> ResolveAsync(ClaimsPrincipal user, Guid? patientId, CancellationToken ct)
    {
        if (user.IsInRole("patient") && !user.IsAdmin() && !user.IsInRole("staff"))
        {
            return patientId is null || patientId == user.UserId()
                ? (user.UserId(), null)
                : (Guid.Empty, Problems.Forbidden("Patients book only for themselves."));
        }
        if (patientId is not { } id)
        {
            return (Guid.Empty, Problems.Validation("patientId", "Staff and admins name the patient they book for."));
        }
        await using var connection = await db.OpenAsync(ct);
        var isPatient = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM users WHERE id = @id AND role = 'patient')", new { id }, cancellationToken: ct));
        return isPatient ? (id, null) : (Guid.Empty, Problems.Validation("patientId", $"No patient {id}."));
    }
}
