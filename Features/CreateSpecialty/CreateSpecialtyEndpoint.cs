using System.ComponentModel.DataAnnotations;
using Dapper;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Booking;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.CreateSpecialty;

public sealed record CreateSpecialtyRequest(
    [Required, MinLength(1), MaxLength(100)] string Name,
    [MaxLength(1000)] string? Description = null);

public static class CreateSpecialtyEndpoint
{
    // The unique (case-insensitive) name decides: no row means the name is taken.
    private const string Insert = """
        INSERT INTO specialties (id, name, description, created_at) VALUES (@Id, @Name, @Description, @Now)
        ON CONFLICT (name) DO NOTHING
        """;

    public static IEndpointRouteBuilder MapCreateSpecialty(this IEndpointRouteBuilder app)
    {
        app.MapPost("/specialties", HandleAsync)
            .WithName("CreateSpecialty")
            .WithSummary("Create a specialty (admin); 409 `conflict` when the name exists (case-insensitive)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 409)
            .RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task<Results<Created<SpecialtyView>, ProblemHttpResult>> HandleAsync(
        CreateSpecialtyRequest request, Db db, TimeProvider clock, CancellationToken ct)
    {
        var specialty = await CreateAsync(db, request, clock.GetUtcNow(), ct);
        return specialty is null
            ? Problems.Conflict("conflict", $"A specialty named '{request.Name.Trim()}' already exists.")
            : TypedResults.Created($"/api/specialties/{specialty.Id}", specialty);
    }

    /// <summary>Inserts the specialty, or returns null when the name is taken (also used by the demo data).</summary>
    internal static async Task<SpecialtyView?> CreateAsync(Db db, CreateSpecialtyRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var specialty = new SpecialtyView
        {
            Id = Guid.CreateVersion7(),
            Name = request.Name.Trim(),
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
        };
        var inserted = await db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(Insert,
            new { specialty.Id, specialty.Name, specialty.Description, Now = now }, tx, cancellationToken: ct)), ct);
        return inserted == 1 ? specialty : null;
    }
}
