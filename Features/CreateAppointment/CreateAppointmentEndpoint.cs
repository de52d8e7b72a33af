using System.Security.Claims;
using Dapper;
using Locking.Infrastructure.Appointments;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Locking.Features.CreateAppointment;

public sealed class CreateAppointmentRequest : AppointmentFields;

public static class CreateAppointmentEndpoint
{
    private const string Insert = """
        INSERT INTO appointments (id, title, patient_name, date_of_birth, gender, phone, address, doctor_name, note, description,
                                  start_time, end_time, version, fencing_token, created_at, updated_at)
        VALUES (@Id, @Title, @PatientName, @DateOfBirth, @Gender, @Phone, @Address, @DoctorName, @Note, @Description,
                @StartTime, @EndTime, 1, 0, @Now, @Now)
        RETURNING id, title, patient_name, date_of_birth, gender, phone, address, doctor_name, note, description,
                  start_time, end_time, version, fencing_token, created_at, updated_at
        """;

    public static IEndpointRouteBuilder MapCreateAppointment(this IEndpointRouteBuilder app)
    {
        app.MapPost("/appointments", HandleAsync)
            .WithTags("Appointments")
            .WithName("CreateAppointment")
            .WithSummary("Create an appointment (version 1)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(Policies.Editor);
        return app;
    }

    private static async Task<Created<AppointmentView>> HandleAsync(
        CreateAppointmentRequest request, ClaimsPrincipal user, Db db, Appointments appointments, TimeProvider clock, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var row = await db.WriteAsync(async (c, tx) =>
        {
            var created = await c.QuerySingleAsync<AppointmentRow>(new CommandDefinition(Insert, request.ToParameters(id, now), tx, cancellationToken: ct));
            var changes = AppointmentFields.Diff([], request.Snapshot());
            await c.ExecuteAsync(new CommandDefinition(History.Insert,
                History.Entry(id, now, user.UserId(), user.UserName(), "created", 1, changes), tx, cancellationToken: ct));
            return created;
        }, ct);
        var view = row.ToView();
        appointments.Changed(view);
        return TypedResults.Created($"/api/appointments/{id}", view);
    }
}
