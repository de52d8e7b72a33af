using System.ComponentModel.DataAnnotations;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Locking.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Users.Login;

public sealed record LoginRequest(
    [Required, MaxLength(254)] string Email,
    [Required, MaxLength(128)] string Password);

public static class LoginEndpoint
{
    public static RouteHandlerBuilder MapLogin(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, HandleAsync)
            .WithName("Login")
            .WithSummary("Sign in and get a bearer token")
            .WithDescription("Rate-limited per client IP (`RateLimits:Login`). 401 `unauthorized` for a wrong email or password.")
            .ProducesValidationProblem()
            .ProducesProblems(401, 429)
            .RequireRateLimiting(RateLimits.Login)
            .AllowAnonymous();

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> HandleAsync(
        LoginRequest request, UserAccounts users, Tokens tokens, CancellationToken ct)
    {
        if (!tokens.CanIssue)
        {
            return Problems.Of(StatusCodes.Status501NotImplemented, "local_login_disabled",
                "Tokens are issued by the external authority (Auth:Authority); sign in there.");
        }
        var user = await users.VerifyAsync(request.Email, request.Password, ct);
        return user is null
            ? Problems.Of(StatusCodes.Status401Unauthorized, "unauthorized", "Wrong email or password.")
            : TypedResults.Ok(tokens.Issue(user));
    }
}
