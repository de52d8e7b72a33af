namespace Locking.Infrastructure.Appointments;

internal static class AppointmentsSetup
{
    public static IServiceCollection AddAppointments(this IServiceCollection services)
    {
        services.AddSingleton<AppointmentStore>();
        services.AddSingleton<AppointmentIndex>();
        services.AddHostedService<AppointmentIndexStartup>();
        return services;
    }
}

/// <summary>Loads the appointment index after the migrations, before the first request.</summary>
internal sealed class AppointmentIndexStartup(AppointmentIndex index) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => index.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
