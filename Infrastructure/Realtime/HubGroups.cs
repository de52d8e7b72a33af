namespace Locking.Infrastructure.Realtime;

/// <summary>Group names shared by the hub and everything that publishes to it.</summary>
internal static class HubGroups
{
    public const string Admin = "admin";
    /// <summary>Admin, staff and doctors: everyone who edits appointments.</summary>
    public const string Editors = "editors";
    public static string User(Guid userId) => $"user:{userId}";
    public static string Doctor(Guid doctorId) => $"doctor:{doctorId}";
}
