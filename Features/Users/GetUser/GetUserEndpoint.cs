using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Users.GetUser;

public static class GetUserEndpoint
{
    public static RouteHandlerBuilder MapGetUser(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, HandleAsync)
            .WithName("GetUser")
            .WithSummary("One user (admin, or the user themself)")
            .ProducesProblems(400, 401, 403, 404);

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal principal, UserAccounts users, CancellationToken ct)
    {
        if (!principal.IsAdmin() && principal.UserId() != id)
        {
            return Problems.Forbidden("Only admins may read other users.");
        }
        var user = await users.FindAsync(id, ct);
        return user is null ? Problems.NotFound($"No user {id}.") : TypedResults.Ok(user);
    }
}
