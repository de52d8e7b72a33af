using System.Security.Claims;

namespace Locking.Infrastructure.Auth;

/// <summary>The four roles of API.md; stored and sent in lower case.</summary>
public enum Role
{
    Admin,
    Staff,
    Doctor,
    Patient,
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
    public const string Role = "role";
    public const string DoctorIdClaim = "doctorId";

    public static Guid UserId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(Subject)!);
    public static string UserName(this ClaimsPrincipal user) => user.FindFirstValue(Name) ?? "";
    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole("admin");
    public static bool IsEditor(this ClaimsPrincipal user) =>
        user.IsInRole("admin") || user.IsInRole("staff") || user.IsInRole("doctor");
    public static Guid? DoctorId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(DoctorIdClaim), out var id) ? id : null;

    public static string ToClaim(this Role role) => role.ToString().ToLowerInvariant();
}
