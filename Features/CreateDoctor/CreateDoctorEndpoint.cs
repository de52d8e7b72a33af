using System.ComponentModel.DataAnnotations;
using Dapper;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Booking;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.CreateDoctor;

public sealed record CreateDoctorRequest(
    [Required, MinLength(1), MaxLength(200)] string Name,
    [Required] Guid? SpecialtyId,
    [EmailAddress, MaxLength(254)] string? Email = null,
    [Range(0d, 1_000_000d)] decimal? ConsultationFee = null);

public static class CreateDoctorEndpoint
{
    // The specialty's existence is part of the statement: no row means an unknown specialty.
    private const string Insert = """
        INSERT INTO doctors (id, name, specialty_id, email, consultation_fee, created_at)
        SELECT @Id, @Name, @SpecialtyId, @Email, @ConsultationFee, @Now
        WHERE EXISTS (SELECT 1 FROM specialties WHERE id = @SpecialtyId)
        """;

    // The doctor's account (if it exists) manages these slots from its next sign-in: the token's
    // doctorId claim comes from users.doctor_id.
    private const string LinkAccount = "UPDATE users SET doctor_id = @Id WHERE email = @Email AND role = 'doctor'";

    public static IEndpointRouteBuilder MapCreateDoctor(this IEndpointRouteBuilder app)
    {
        app.MapPost("/doctors", HandleAsync)
            .WithName("CreateDoctor")
            .WithSummary("Create a doctor (admin); a doctor account with the same email is linked to it")
            .WithDescription("400 `validation_failed` with `errors.specialtyId` when the specialty does not exist. "
                + "The linked account manages the doctor's slots once it signs in again.")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403)
            .RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task<Results<Created<DoctorView>, ProblemHttpResult>> HandleAsync(
        CreateDoctorRequest request, Db db, TimeProvider clock, CancellationToken ct)
    {
        var doctor = await CreateAsync(db, request, clock.GetUtcNow(), ct);
        return doctor is null
            ? Problems.Validation("specialtyId", $"No specialty {request.SpecialtyId}.")
            : TypedResults.Created($"/api/doctors/{doctor.Id}", doctor);
    }

    /// <summary>
    /// Inserts the doctor and links the doctor account with that email, in one transaction;
    /// null when the specialty does not exist (also used by the demo data).
    /// </summary>
    internal static async Task<DoctorView?> CreateAsync(Db db, CreateDoctorRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var parameters = new
        {
            Id = Guid.CreateVersion7(),
            Name = request.Name.Trim(),
            request.SpecialtyId,
            Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim().ToLowerInvariant(),
            ConsultationFee = (double?)request.ConsultationFee,
            Now = now,
        };
        return await db.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(new CommandDefinition(Insert, parameters, tx, cancellationToken: ct)) == 0)
            {
                return null;
            }
            if (parameters.Email is not null)
            {
                await c.ExecuteAsync(new CommandDefinition(LinkAccount, parameters, tx, cancellationToken: ct));
            }
            return await Doctors.FindAsync(c, tx, parameters.Id, ct);
        }, ct);
    }
}
