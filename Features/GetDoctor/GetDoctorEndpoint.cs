using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Booking;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.GetDoctor;

public static class GetDoctorEndpoint
{
    public static IEndpointRouteBuilder MapGetDoctor(this IEndpointRouteBuilder app)
    {
        app.MapGet("/doctors/{id}", HandleAsync)
            .WithName("GetDoctor")
            .WithSummary("One doctor with their specialty's name")
            .ProducesProblems(400, 401, 404);
        return app;
    }

    private static async Task<Results<Ok<DoctorView>, ProblemHttpResult>> HandleAsync(Guid id, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var doctor = await Doctors.FindAsync(connection, null, id, ct);
        return doctor is null ? Problems.NotFound($"No doctor {id}.") : TypedResults.Ok(doctor);
    }
}
