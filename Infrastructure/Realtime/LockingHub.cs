using Locking.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Locking.Infrastructure.Realtime;

/// <summary>Group names shared by the hub and everything that publishes to it.</summary>
internal static class Groups
{
    public const string Admin = "admin";
    public static string User(Guid userId) => $"user:{userId}";
    public static string Doctor(Guid doctorId) => $"doctor:{doctorId}";
}

/// <summary>
/// The real-time endpoint <c>/hubs/locking</c>. Every connection joins its user's group
/// (and <c>admin</c> or its doctor's group); features add the hub methods they need.
/// </summary>
[Authorize]
internal sealed partial class LockingHub : Hub
{
    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        await Groups.AddToGroupAsync(Context.ConnectionId, Realtime.Groups.User(user.UserId()));
        if (user.IsAdmin())
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, Realtime.Groups.Admin);
        }
        if (user.IsInRole("doctor") && user.DoctorId() is { } doctorId)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, Realtime.Groups.Doctor(doctorId));
        }
        await base.OnConnectedAsync();
    }
}

internal static class RealtimeSetup
{
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(
            new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        return services;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.MapHub<LockingHub>("/hubs/locking");
        return app;
    }
}
