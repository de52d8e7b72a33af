using System.ComponentModel.DataAnnotations;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Catalog.CreateSpecialty;

public sealed record CreateSpecialtyRequest(
    [Required, MinLength(1), MaxLength(100)] string Name,
    [MaxLength(1000)] string? Description = null);

public static class CreateSpecialtyEndpoint
{
    public static RouteHandlerBuilder MapCreateSpecialty(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, HandleAsync)
            .WithName("CreateSpecialty")
            .WithSummary("Create a specialty (admin); 409 `conflict` when the name exists (case-insensitive)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 409)
            .RequireAuthorization(Policies.Admin);

    private static async Task<Results<Created<SpecialtyView>, ProblemHttpResult>> HandleAsync(
        CreateSpecialtyRequest request, Db db, TimeProvider clock, CancellationToken ct)
    {
        var specialty = await Specialties.CreateAsync(db, request.Name, request.Description, clock.GetUtcNow(), ct);
        return specialty is null
            ? Problems.Conflict("conflict", $"A specialty named '{request.Name.Trim()}' already exists.")
            : TypedResults.Created($"/api/specialties/{specialty.Id}", specialty);
    }
}
