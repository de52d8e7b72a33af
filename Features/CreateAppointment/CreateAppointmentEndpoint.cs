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
        var view = await CreateAsync(db, request, user.UserId(), user.UserName(), clock.GetUtcNow(), ct);
        appointments.Changed(view);
        return TypedResults.Created($"/api/appointments/{view.Id}", view);
    }

    /// <summary>Inserts the appointment and its "created" history entry in one transaction (also used by the demo data).</summary>
    internal static async Task<AppointmentView> CreateAsync(Db db, AppointmentFields fields, Guid userId, string userName, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var row = await db.WriteAsync(async (c, tx) =>
        {
            var created = await c.QuerySingleAsync<AppointmentRow>(new CommandDefinition(Insert, fields.ToParameters(id, now), tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(History.Insert,
                History.Entry(id, now, userId, userName, "created", 1, AppointmentFields.Diff([], fields.Snapshot())), tx, cancellationToken: ct));
            return created;
        }, ct);
        return row.ToView();
    }
}
