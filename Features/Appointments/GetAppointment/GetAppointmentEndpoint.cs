using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Appointments.GetAppointment;

public static class GetAppointmentEndpoint
{
    public static RouteHandlerBuilder MapGetAppointment(this IEndpointRouteBuilder app, string pattern) =>
        app.MapGet(pattern, HandleAsync)
            .WithName("GetAppointment")
            .WithSummary("One appointment; its ETag is the version (If-None-Match answers 304)")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(400, 401, 403, 404);

    private static async Task<Results<Ok<AppointmentView>, StatusCodeHttpResult, ProblemHttpResult>> HandleAsync(
        Guid id, HttpContext context, AppointmentStore appointments, CancellationToken ct)
    {
        var row = await appointments.FindAsync(id, ct);
        if (row is null)
        {
            return Problems.NotFound($"No appointment {id}.");
        }
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{row.Version}\"");
        context.Response.GetTypedHeaders().ETag = etag;
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(Microsoft.Net.Http.Headers.EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Ok(row.ToView());
    }
}
