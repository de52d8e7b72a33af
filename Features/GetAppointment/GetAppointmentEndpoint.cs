using Locking.Infrastructure.Appointments;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.GetAppointment;

public static class GetAppointmentEndpoint
{
    public static IEndpointRouteBuilder MapGetAppointment(this IEndpointRouteBuilder app)
    {
        app.MapGet("/appointments/{id}", HandleAsync)
            .WithTags("Appointments")
            .WithName("GetAppointment")
            .WithSummary("One appointment; its ETag is the version (If-None-Match answers 304)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.Editor);
        return app;
    }

    private static async Task<Results<Ok<AppointmentView>, StatusCodeHttpResult, ProblemHttpResult>> HandleAsync(
        Guid id, HttpContext context, Appointments appointments, CancellationToken ct)
    {
        var row = await appointments.FindAsync(id, ct);
        if (row is null)
        {
            return Problems.NotFound($"No appointment {id}.");
        }
        var etag = $"\"{row.Version}\"";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Ok(row.ToView());
    }
}
