using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Catalog.GetDoctor;

public static class GetDoctorEndpoint
{
    public static RouteHandlerBuilder MapGetDoctor(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, HandleAsync)
            .WithName("GetDoctor")
            .WithSummary("One doctor with their specialty's name")
            .ProducesProblems(400, 401, 404);

    private static async Task<Results<Ok<DoctorView>, ProblemHttpResult>> HandleAsync(Guid id, Db db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var doctor = await Doctors.FindAsync(connection, null, id, ct);
        return doctor is null ? Problems.NotFound($"No doctor {id}.") : TypedResults.Ok(doctor);
    }
}
