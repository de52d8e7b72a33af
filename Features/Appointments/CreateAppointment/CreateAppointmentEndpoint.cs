using System.Security.Claims;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.Appointments.CreateAppointment;

public sealed class CreateAppointmentRequest : AppointmentFields;

public static class CreateAppointmentEndpoint
{
    public static RouteHandlerBuilder MapCreateAppointment(this IEndpointRouteBuilder app, string pattern) =>
        app.MapPost(pattern, HandleAsync)
            .WithName("CreateAppointment")
            .WithSummary("Create an appointment (version 1)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);

    private static async Task<Created<AppointmentView>> HandleAsync(
        CreateAppointmentRequest request, ClaimsPrincipal user, AppointmentStore appointments, TimeProvider clock, CancellationToken ct)
    {
        var view = await appointments.CreateAsync(request, user.UserId(), user.UserName(), clock.GetUtcNow(), ct);
        appointments.Changed(view);
        return TypedResults.Created($"/api/appointments/{view.Id}", view);
    }
}
