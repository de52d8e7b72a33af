using Locking.Features.Locks;

namespace Locking.Features.Appointments;

internal static class AppointmentsModule
{
    public static IServiceCollection AddAppointments(this IServiceCollection services)
    {
        services.AddSingleton<AppointmentStore>();
        services.AddSingleton<AppointmentIndex>();
        // The appointments are what the lock routes lock.
        services.AddSingleton<ILockTargets>(sp => sp.GetRequiredService<AppointmentIndex>());
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
