using System.Security.Claims;

namespace Locking.Infrastructure.Auth;

/// <summary>The four roles of API.md; stored and sent in lower case (<see cref="RoleNames"/>).</summary>
public enum Role
{
    Admin,
    Staff,
    Doctor,
    Patient,
}

/// <summary>The roles as the database, tokens and policies spell them: the one place their text is written.</summary>
public static class RoleNames
{
    public const string Admin = "admin";
    public const string Staff = "staff";
    public const string Doctor = "doctor";
    public const string Patient = "patient";
}

internal static class Policies
{
    public const string Admin = "admin";
    /// <summary>Admin, staff and doctors: the people who edit appointments ("staff+").</summary>
    public const string Editor = "editor";
    public const string SignedIn = "signed-in";
    /// <summary>Patients book for themselves; staff and admins on a patient's behalf.</summary>
    public const string Booker = "booker";
}

internal static class Claims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string Name = "name";
    public const string RoleClaim = "role";
    public const string DoctorIdClaim = "doctorId";

    public static Guid UserId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(Subject)!);
    public static string UserName(this ClaimsPrincipal user) => user.FindFirstValue(Name) ?? "";
    public static bool Is(this ClaimsPrincipal user, Role role) => user.IsInRole(role.ToClaim());
    public static bool IsAdmin(this ClaimsPrincipal user) => user.Is(Role.Admin);
    public static bool IsEditor(this ClaimsPrincipal user) => user.Is(Role.Admin) || user.Is(Role.Staff) || user.Is(Role.Doctor);
    public static Guid? DoctorId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(DoctorIdClaim), out var id) ? id : null;

    public static string ToClaim(this Role role) => role switch
    {
        Role.Admin => RoleNames.Admin,
        Role.Staff => RoleNames.Staff,
        Role.Doctor => RoleNames.Doctor,
        _ => RoleNames.Patient,
    };
}
