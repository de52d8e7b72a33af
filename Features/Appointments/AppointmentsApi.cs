using Locking.Features.Appointments.AppointmentHistory;
using Locking.Features.Appointments.CreateAppointment;
using Locking.Features.Appointments.DeleteAppointment;
using Locking.Features.Appointments.GetAppointment;
using Locking.Features.Appointments.ListAppointments;
using Locking.Features.Appointments.UpdateAppointment;
using Locking.Infrastructure.Auth;

namespace Locking.Features.Appointments;

/// <summary>The appointments staff edit: fenced, versioned writes with their history.</summary>
internal static class AppointmentsApi
{
    public static IEndpointRouteBuilder MapAppointmentsApi(this IEndpointRouteBuilder api)
    {
        var appointments = api.MapGroup("/appointments").WithTags("Appointments").RequireAuthorization(Policies.Editor);
        appointments.MapCreateAppointment("");
        appointments.MapListAppointments("");
        appointments.MapGetAppointment("/{id}");
        appointments.MapUpdateAppointment("/{id}");
        appointments.MapDeleteAppointment("/{id}");
        appointments.MapAppointmentHistory("/{id}/history");
        return api;
    }
}
