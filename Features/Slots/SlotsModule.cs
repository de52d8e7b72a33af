namespace Locking.Features.Slots;

internal static class SlotsModule
{
    public static IServiceCollection AddSlots(this IServiceCollection services) =>
        services.AddSingleton<SlotFeeds>().AddSingleton<SlotAnnouncer>();
}
