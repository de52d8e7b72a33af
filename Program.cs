using Locking.Features.AcquireLock;
using Locking.Features.AppointmentHistory;
using Locking.Features.BookSlot;
using Locking.Features.CancelBooking;
using Locking.Features.ChangeBookingStatus;
using Locking.Features.ConfirmBooking;
using Locking.Features.CreateAppointment;
using Locking.Features.CreateDoctor;
using Locking.Features.CreateSlot;
using Locking.Features.CreateSpecialty;
using Locking.Features.CreateUser;
using Locking.Features.DeleteAppointment;
using Locking.Features.DeleteSlot;
using Locking.Features.ForceReleaseLock;
using Locking.Features.ForceReleaseRequest;
using Locking.Features.GenerateSlots;
using Locking.Features.GetAppointment;
using Locking.Features.GetBooking;
using Locking.Features.GetDoctor;
using Locking.Features.GetLockStatus;
using Locking.Features.GetSlot;
using Locking.Features.GetSpecialty;
using Locking.Features.GetUser;
using Locking.Features.HoldSlot;
using Locking.Features.ListAppointments;
using Locking.Features.ListBookings;
using Locking.Features.ListDoctors;
using Locking.Features.ListSlots;
using Locking.Features.ListSpecialties;
using Locking.Features.ListUsers;
using Locking.Features.Login;
using Locking.Features.Me;
using Locking.Features.MyBookings;
using Locking.Features.Register;
using Locking.Features.ReleaseLock;
using Locking.Features.RenewLock;
using Locking.Features.RequestControl;
using Locking.Features.SetSlotAvailability;
using Locking.Features.SlotBookings;
using Locking.Features.Takeover;
using Locking.Features.UpdateAppointment;
using Locking.Features.UpdatePosition;
using Locking.Infrastructure.Appointments;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Booking;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Docs;
using Locking.Infrastructure.Errors;
using Locking.Infrastructure.Health;
using Locking.Infrastructure.Locks;
using Locking.Infrastructure.Logging;
using Locking.Infrastructure.Proxy;
using Locking.Infrastructure.RateLimiting;
using Locking.Infrastructure.Realtime;

var builder = WebApplication.CreateBuilder(args);

// Structured logs first, so every later step can report through them.
builder.AddLogging();
// Problem details for every error, JSON options and request validation.
builder.Services.AddErrorHandling();
// SQLite (migrations, write retry, demo data), then what loads from it at start-up.
builder.Services.AddData(builder.Configuration);
builder.Services.AddAppointments();
builder.Services.AddLocks(builder.Configuration);
builder.Services.AddBooking(builder.Configuration);
// JWT sign-in, roles and policies; rate limits; the hub; docs; health.
builder.AddAuth();
builder.Services.AddRateLimits(builder.Configuration);
builder.Services.AddRealtime();
builder.Services.AddApiDocs();
builder.Services.AddHealth();

var app = builder.Build();

// Proxy headers, request logs, errors, then auth: the order each request meets them.
app.UseProxyHeaders();
app.UseRequestLogging();
app.UseErrorHandling();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

// Operations: docs, health, the hub.
app.MapApiDocs();
app.MapHealth();
app.MapRealtime();

// Auth and users.
var api = app.MapGroup("/api");
api.MapRegister();
api.MapLogin();
api.MapMe();
api.MapCreateUser();
api.MapListUsers();
api.MapGetUser();

// Appointments and their edit locks.
api.MapCreateAppointment();
api.MapListAppointments();
api.MapGetAppointment();
api.MapUpdateAppointment();
api.MapDeleteAppointment();
api.MapAppointmentHistory();
api.MapGetLockStatus();
api.MapAcquireLock();
api.MapRenewLock();
api.MapReleaseLock();
api.MapForceReleaseLock();
api.MapTakeover();
api.MapUpdatePosition();
api.MapRequestControl();
api.MapForceReleaseRequest();

// Booking: specialties, doctors and slots.
// (slot features are mapped here)
api.MapListSpecialties();
api.MapGetSpecialty();
api.MapCreateSpecialty();
api.MapListDoctors();
api.MapGetDoctor();
api.MapCreateDoctor();
api.MapListSlots();
api.MapGetSlot();
api.MapCreateSlot();
api.MapGenerateSlots();
api.MapSetSlotAvailability();
api.MapDeleteSlot();

// Booking: holds and bookings.
// (booking features are mapped here)
api.MapHoldSlot();
api.MapBookSlot();
api.MapConfirmBooking();
api.MapMyBookings();
api.MapSlotBookings();
api.MapListBookings();
api.MapGetBooking();
api.MapCancelBooking();
api.MapChangeBookingStatus();

app.Run();

/// <summary>Entry point, public so the integration tests can host it.</summary>
public partial class Program;
