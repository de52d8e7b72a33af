using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;

namespace Locking.Features.Users.ListUsers;

public static class ListUsersEndpoint
{
    public static RouteHandlerBuilder MapListUsers(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, async (UserAccounts users, CancellationToken ct) => TypedResults.Ok(await users.ListAsync(ct)))
            .WithName("ListUsers")
            .WithSummary("All users (admin only)")
            .ProducesProblems(401, 403)
            .RequireAuthorization(Policies.Admin);
}
