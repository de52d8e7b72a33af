using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.Extensions.Logging;

namespace Locking.Tests.Infrastructure.Realtime;

public sealed class HubErrorTests
{
    [Fact]
    public async Task RefusedOrMalformedInvocations_AnswerASentence_AndLogItWithoutAnError()
    {
        await using var app = LockingApp.With(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel"] = "Information",
            ["Serilog:MinimumLevel:Default"] = "Information",
        });
        var staff = await app.ClientFor(Role.Staff);
        var patient = await app.ClientFor(Role.Patient);
        var appointment = await staff.CreateAppointmentAsync();
        await using var staffHub = await app.ConnectHubAsync(staff);
        await using var patientHub = await app.ConnectHubAsync(patient);

        async Task<string> Refused(HubClient hub, string method, params object?[] arguments) =>
            (await Assert.ThrowsAnyAsync<Exception>(() => hub.InvokeAsync(method, arguments))).Message;

        Assert.EndsWith("forbidden: Only admin, staff and doctors edit appointments; patients follow slots with subscribe-slots.",
            await Refused(patientHub, "subscribe", appointment.Id), StringComparison.Ordinal);
        Assert.EndsWith("validation_failed: appointmentId must be a GUID, not \"not-a-guid\".",
            await Refused(staffHub, "subscribe", "not-a-guid"), StringComparison.Ordinal);
        Assert.EndsWith("validation_failed: appointmentId must be a GUID, not 42.",
            await Refused(staffHub, "cursor-position", 42, new { line = 1 }), StringComparison.Ordinal);
        Assert.EndsWith("validation_failed: doctorId must be a GUID, or null for every doctor's slots, not \"dr-who\".",
            await Refused(staffHub, "subscribe-slots", "dr-who"), StringComparison.Ordinal);

        // The connection is still usable, and a good call is not logged as refused.
        await staffHub.InvokeAsync("subscribe", appointment.Id);
        var logs = app.Logs.Entries;
        Assert.DoesNotContain(logs, e => e.Level >= LogLevel.Error);
        var refusals = logs.Where(e => e.Template.Contains("refused", StringComparison.Ordinal)).ToList();
        Assert.Equal(["cursor-position", "subscribe", "subscribe", "subscribe-slots"], refusals.Select(e => e.Properties["Method"]?.ToString()).Order());
        Assert.All(refusals, e =>
        {
            Assert.Equal(LogLevel.Information, e.Level);
            Assert.Null(e.Exception);
            Assert.Equal("Hub {Method} refused for user {UserId}: {Reason}", e.Template);
        });
        Assert.Single(refusals, e => e.Properties["UserId"]?.ToString() == patient.Id.ToString());
    }
}
