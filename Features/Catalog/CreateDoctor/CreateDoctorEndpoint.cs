using System.ComponentModel.DataAnnotations;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Catalog.CreateDoctor;

public sealed record CreateDoctorRequest(
    [Required, MinLength(1), MaxLength(200)] string Name,
    [Required] Guid? SpecialtyId,
    [EmailAddress, MaxLength(254)] string? Email = null,
    [Range(0d, 1_000_000d)] decimal? ConsultationFee = null);

public static class CreateDoctorEndpoint
{
    public static RouteHandlerBuilder MapCreateDoctor(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, HandleAsync)
            .WithName("CreateDoctor")
            .WithSummary("Create a doctor (admin); a doctor account with the same email is linked to it")
            .WithDescription("400 `validation_failed` with `errors.specialtyId` when the specialty does not exist. "
                + "The linked account manages the doctor's slots once it signs in again.")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403)
            .RequireAuthorization(Policies.Admin);

    private static async Task<Results<Created<DoctorView>, ProblemHttpResult>> HandleAsync(
        CreateDoctorRequest request, Db db, TimeProvider clock, CancellationToken ct)
    {
        var doctor = await Doctors.CreateAsync(db, request.Name, request.SpecialtyId!.Value, request.Email, request.ConsultationFee, clock.GetUtcNow(), ct);
        return doctor is null
            ? Problems.Validation("specialtyId", $"No specialty {request.SpecialtyId}.")
            : TypedResults.Created($"/api/doctors/{doctor.Id}", doctor);
    }
}
