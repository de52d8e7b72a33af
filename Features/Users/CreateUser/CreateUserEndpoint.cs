using System.ComponentModel.DataAnnotations;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Users.CreateUser;

public sealed record CreateUserRequest(
    [Required, EmailAddress, MaxLength(254)] string Email,
    [Required, MinLength(8), MaxLength(128)] string Password,
    [Required, MinLength(1), MaxLength(100)] string Name,
    [Required] Role? Role,
    Guid? DoctorId = null);

public static class CreateUserEndpoint
{
    public static RouteHandlerBuilder MapCreateUser(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, HandleAsync)
            .WithName("CreateUser")
            .WithSummary("Create a user with any role (admin only)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 409)
            .RequireAuthorization(Policies.Admin);

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> HandleAsync(
        CreateUserRequest request, UserAccounts users, CancellationToken ct)
    {
        var user = await users.CreateAsync(request.Email, request.Password, request.Name, request.Role!.Value, request.DoctorId, ct);
        return user is null
            ? Problems.Conflict("email_taken", "An account with this email already exists.")
            : TypedResults.Created($"/api/users/{user.Id}", user);
    }
}
