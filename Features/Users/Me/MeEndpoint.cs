using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Users.Me;

public static class MeEndpoint
{
    public static RouteHandlerBuilder MapMe(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, HandleAsync)
            .WithName("Me")
            .WithSummary("The signed-in user")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireAuthorization(Policies.SignedIn);

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> HandleAsync(ClaimsPrincipal principal, UserAccounts users, CancellationToken ct)
    {
        // The token may outlive the account: read the user, not the claims.
        var user = await users.FindAsync(principal.UserId(), ct);
        return user is null
            ? Problems.Of(StatusCodes.Status401Unauthorized, "unauthorized", "The account behind this token no longer exists.")
            : TypedResults.Ok(user);
    }
}
