namespace Locking.Features.Bookings;

internal static class BookingsModule
{
    public static IServiceCollection AddBookings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(BookingSettings.From(configuration));
        services.AddSingleton<BookingAnnouncer>();
        services.AddSingleton<SeatBooking>();
        services.AddSingleton<BookingTransitions>();
        services.AddSingleton<Patients>();
        services.AddHostedService<BookingSweeper>();
        return services;
    }
}
