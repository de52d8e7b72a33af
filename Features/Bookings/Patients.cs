using System.Security.Claims;
using Dapper;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;

namespace Locking.Features.Bookings;

/// <summary>Why a caller may not book for the patient they named.</summary>
public enum PatientRefusal
{
    /// <summary>A patient named someone else.</summary>
    NotThemself,
    /// <summary>Staff or an admin named no patient.</summary>
    NotNamed,
    /// <summary>The named user is not a patient.</summary>
    NoSuchPatient,
}

/// <summary>Whom a hold or booking is for: the patient themself, or a patient named by staff or an admin.</summary>
internal sealed class Patients(Db db)
{
    public async Task<(Guid PatientId, PatientRefusal? Refusal)> ResolveAsync(ClaimsPrincipal user, Guid? patientId, CancellationToken ct)
    {
        if (user.Is(Role.Patient) && !user.IsAdmin() && !user.Is(Role.Staff))
        {
            return patientId is null || patientId == user.UserId()
                ? (user.UserId(), null)
                : (Guid.Empty, PatientRefusal.NotThemself);
        }
        if (patientId is not { } id)
        {
            return (Guid.Empty, PatientRefusal.NotNamed);
        }
        await using var connection = await db.OpenAsync(ct);
        var isPatient = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM users WHERE id = @id AND role = '{RoleNames.Patient}')", new { id }, cancellationToken: ct));
        return isPatient ? (id, null) : (Guid.Empty, PatientRefusal.NoSuchPatient);
    }
}
