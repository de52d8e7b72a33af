using Locking.Features.Appointments;
using Locking.Features.Bookings;
using Locking.Features.Catalog;
using Locking.Features.DemoData;
using Locking.Features.Live;
using Locking.Features.Locks;
using Locking.Features.Slots;
using Locking.Features.Users;
using Locking.Features.Users.CreateAdmin;
using Locking.Infrastructure;
using Locking.Infrastructure.Hosting;

// Settings (appsettings.json) are read beside the binary, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// `Locking admin create …` sets up an admin in the configured database and exits without serving.
if (AdminCommand.IsRequested(args))
{
    return await AdminCommand.RunAsync(builder, args, Console.In, Console.Out, Console.Error);
}

try
{
    // The platform: logs, errors, SQLite, sign-in, rate limits, CORS, the hub, docs, health.
    builder.AddPlatform();
    // The areas, each with what it needs; the order does not matter.
    builder.Services
        .AddAppointments()
        .AddLocks(builder.Configuration)
        .AddSlots()
        .AddBookings(builder.Configuration)
        .AddLive()
        .AddDemoData();

    var app = builder.Build();
    app.UsePlatform();

    var api = app.MapApiGroup();
    api.MapUsersApi();
    api.MapAppointmentsApi();
    api.MapLocksApi();
    api.MapCatalogApi();
    api.MapSlotsApi();
    api.MapBookingsApi();
    app.MapLiveApi();

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
