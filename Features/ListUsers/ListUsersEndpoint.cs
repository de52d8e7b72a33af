using Locking.Infrastructure.Auth;

namespace Locking.Features.ListUsers;

public static class ListUsersEndpoint
{
    public static IEndpointRouteBuilder MapListUsers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/users", async (Users users, CancellationToken ct) => TypedResults.Ok(await users.ListAsync(ct)))
            .WithTags("Users")
            .WithName("ListUsers")
            .WithSummary("All users (admin only)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(Policies.Admin);
        return app;
    }
}
