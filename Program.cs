using Locking.Features.AcquireLock;
using Locking.Features.AppointmentHistory;
using Locking.Features.BookSlot;
using Locking.Features.CancelBooking;
using Locking.Features.ChangeBookingStatus;
using Locking.Features.ConfirmBooking;
using Locking.Features.CreateAdmin;
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
using Locking.Features.ListLocks;
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
using Locking.Infrastructure.BrowserApp;
using Locking.Infrastructure.Booking;
using Locking.Infrastructure.Cors;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Docs;
using Locking.Infrastructure.Errors;
using Locking.Infrastructure.Health;
using Locking.Infrastructure.Hosting;
using Locking.Infrastructure.Locks;
using Locking.Infrastructure.Logging;
using Locking.Infrastructure.Proxy;
using Locking.Infrastructure.RateLimiting;
using Locking.Infrastructure.Realtime;

// Settings (appsettings.json) are read beside the binary, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// `Locking admin create …` sets up an admin in the configured database and exits without serving.
if (AdminCommand.IsRequested(args))
{
    return await AdminCommand.RunAsync(builder, args, Console.In, Console.Out, Console.Error);
}

try
{
    // Structured logs first, so every later step can report through them.
    builder.AddLogging();
    // Problem details for every error, JSON options and request validation.
    builder.Services.AddErrorHandling();
    // SQLite (migrations, write retry, demo data), then what loads from it at start-up.
    builder.Services.AddData(builder.Configuration);
    builder.Services.AddAppointments();
    builder.Services.AddLocks(builder.Configuration);
    builder.Services.AddBooking(builder.Configuration);
    // JWT sign-in, roles and policies; rate limits; CORS; the hub; docs; health.
    builder.AddAuth();
    builder.Services.AddRateLimits(builder.Configuration);
    builder.Services.AddCrossOrigin(builder.Configuration);
    builder.Services.AddRealtime();
    builder.Services.AddApiDocs();
    builder.Services.AddHealth();

    var app = builder.Build();

    // Proxy headers, request logs, other origins, errors, then auth: the order each request meets them.
    app.UseProxyHeaders();
    app.UseRequestLogging();
    app.UseCrossOrigin();
    app.UseErrorHandling();
    // The browser app's files before auth: they are public, the data behind them is not.
    app.UseBrowserApp();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();

    // Operations: docs, health, the hub.
    app.MapApiDocs();
    app.MapHealth();
    app.MapRealtime();

    // The API: one group per area sets its tag and least sign-in once; routes add stricter rules.
    var api = app.MapGroup("/api");

    var auth = api.MapGroup("").WithTags("Auth");
    auth.MapRegister();
    auth.MapLogin();
    auth.MapMe();

    var users = api.MapGroup("").WithTags("Users").RequireAuthorization(Policies.SignedIn);
    users.MapCreateUser();
    users.MapListUsers();
    users.MapGetUser();

    var appointments = api.MapGroup("").WithTags("Appointments").RequireAuthorization(Policies.Editor);
    appointments.MapCreateAppointment();
    appointments.MapListAppointments();
    appointments.MapGetAppointment();
    appointments.MapUpdateAppointment();
    appointments.MapDeleteAppointment();
    appointments.MapAppointmentHistory();

    var locks = api.MapGroup("").WithTags("Locks").RequireAuthorization(Policies.Editor);
    locks.MapListLocks();
    locks.MapGetLockStatus();
    locks.MapAcquireLock();
    locks.MapRenewLock();
    locks.MapReleaseLock();
    locks.MapForceReleaseLock();
    locks.MapTakeover();
    locks.MapUpdatePosition();
    locks.MapRequestControl();
    locks.MapForceReleaseRequest();

    var specialties = api.MapGroup("").WithTags("Specialties").RequireAuthorization(Policies.SignedIn);
    specialties.MapListSpecialties();
    specialties.MapGetSpecialty();
    specialties.MapCreateSpecialty();

    var doctors = api.MapGroup("").WithTags("Doctors").RequireAuthorization(Policies.SignedIn);
    doctors.MapListDoctors();
    doctors.MapGetDoctor();
    doctors.MapCreateDoctor();

    var slots = api.MapGroup("").WithTags("Slots").RequireAuthorization(Policies.SignedIn);
    slots.MapListSlots();
    slots.MapGetSlot();
    slots.MapCreateSlot();
    slots.MapGenerateSlots();
    slots.MapSetSlotAvailability();
    slots.MapDeleteSlot();

    var bookings = api.MapGroup("").WithTags("Bookings").RequireAuthorization(Policies.SignedIn);
    bookings.MapHoldSlot();
    bookings.MapBookSlot();
    bookings.MapConfirmBooking();
    bookings.MapMyBookings();
    bookings.MapSlotBookings();
    bookings.MapListBookings();
    bookings.MapGetBooking();
    bookings.MapCancelBooking();
    bookings.MapChangeBookingStatus();

    await app.RunAsync();
    return 0;
}
catch (StartupRefusal refusal) when (!HostedByTests())
{
    // A setting the service cannot start with: one line for the operator, no stack trace.
    await Console.Error.WriteLineAsync(refusal.Message);
    return 1;
}

// Under WebApplicationFactory the refusal reaches the test that asked for it.
static bool HostedByTests() => System.Reflection.Assembly.GetEntryAssembly() != typeof(Program).Assembly;

/// <summary>Entry point, public so the integration tests can host it.</summary>
public partial class Program;
