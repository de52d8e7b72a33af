using System.ComponentModel.DataAnnotations;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Users.Register;

public sealed record RegisterRequest(
    [Required, EmailAddress, MaxLength(254)] string Email,
    [Required, MinLength(8), MaxLength(128)] string Password,
    [Required, MinLength(1), MaxLength(100)] string Name);

public static class RegisterEndpoint
{
    public static RouteHandlerBuilder MapRegister(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, HandleAsync)
            .WithName("Register")
            .WithSummary("Create a patient account")
            .WithDescription("Anyone may register; the account always gets the patient role. 409 `email_taken` when the email exists.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AllowAnonymous();

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> HandleAsync(
        RegisterRequest request, UserAccounts users, CancellationToken ct)
    {
        var user = await users.CreateAsync(request.Email, request.Password, request.Name, Role.Patient, doctorId: null, ct);
        return user is null
            ? Problems.Conflict("email_taken", "An account with this email already exists.")
            : TypedResults.Created($"/api/users/{user.Id}", user);
    }
}
