using Locking.Features.Bookings.BookSlot;
using Locking.Features.Bookings.CancelBooking;
using Locking.Features.Bookings.ChangeBookingStatus;
using Locking.Features.Bookings.ConfirmBooking;
using Locking.Features.Bookings.GetBooking;
using Locking.Features.Bookings.HoldSlot;
using Locking.Features.Bookings.ListBookings;
using Locking.Features.Bookings.MyBookings;
using Locking.Features.Bookings.SlotBookings;
using Locking.Infrastructure.Auth;

namespace Locking.Features.Bookings;

/// <summary>Seats booked on slots: a hold then a confirmation, or one step; cancelled; the clinic's status changes.</summary>
internal static class BookingsApi
{
    public static IEndpointRouteBuilder MapBookingsApi(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/slots/{id}").WithTags("Bookings").RequireAuthorization(Policies.SignedIn)
            .MapHoldSlot("/hold");

        var bookings = api.MapGroup("/bookings").WithTags("Bookings").RequireAuthorization(Policies.SignedIn);
        bookings.MapBookSlot("");
        bookings.MapConfirmBooking("/{id}/confirm");
        bookings.MapMyBookings("/my-bookings");
        bookings.MapSlotBookings("/slot/{slotId}");
        bookings.MapListBookings("");
        bookings.MapGetBooking("/{id}");
        bookings.MapCancelBooking("/{id}");
        bookings.MapChangeBookingStatus("/{id}/status");
        return api;
    }
}
