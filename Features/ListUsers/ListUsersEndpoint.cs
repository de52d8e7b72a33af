using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;

namespace Locking.Features.ListUsers;

public static class ListUsersEndpoint
{
    public static IEndpointRouteBuilder MapListUsers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/users", async (Users users, CancellationToken ct) => TypedResults.Ok(await users.ListAsync(ct)))
            .WithName("ListUsers")
            .WithSummary("All users (admin only)")
            .ProducesProblems(401, 403)
            .RequireAuthorization(Policies.Admin);
        return app;
    }
}
