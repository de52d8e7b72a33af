using Locking.Features.Slots.CreateSlot;
using Locking.Features.Slots.DeleteSlot;
using Locking.Features.Slots.GenerateSlots;
using Locking.Features.Slots.GetSlot;
using Locking.Features.Slots.ListSlots;
using Locking.Features.Slots.SetSlotAvailability;
using Locking.Infrastructure.Auth;

namespace Locking.Features.Slots;

/// <summary>A doctor's times with their seats: made one by one or in bulk, switched off, deleted.</summary>
internal static class SlotsApi
{
    public static IEndpointRouteBuilder MapSlotsApi(this IEndpointRouteBuilder api)
    {
        var slots = api.MapGroup("/slots").WithTags("Slots").RequireAuthorization(Policies.SignedIn);
        slots.MapListSlots("");
        slots.MapGetSlot("/{id}");
        slots.MapCreateSlot("");
        slots.MapGenerateSlots("/bulk");
        slots.MapSetSlotAvailability("/{id}/availability");
        slots.MapDeleteSlot("/{id}");
        return api;
    }
}
