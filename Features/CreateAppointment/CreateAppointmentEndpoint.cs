using System.Security.Claims;
using Locking.Infrastructure.Appointments;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.CreateAppointment;

public sealed class CreateAppointmentRequest : AppointmentFields;

public static class CreateAppointmentEndpoint
{
    public static IEndpointRouteBuilder MapCreateAppointment(this IEndpointRouteBuilder app)
    {
        app.MapPost("/appointments", HandleAsync)
            .WithName("CreateAppointment")
            .WithSummary("Create an appointment (version 1)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        return app;
    }

    private static async Task<Created<AppointmentView>> HandleAsync(
        CreateAppointmentRequest request, ClaimsPrincipal user, AppointmentStore appointments, TimeProvider clock, CancellationToken ct)
    {
        var view = await appointments.CreateAsync(request, user.UserId(), user.UserName(), clock.GetUtcNow(), ct);
        appointments.Changed(view);
        return TypedResults.Created($"/api/appointments/{view.Id}", view);
    }
}
