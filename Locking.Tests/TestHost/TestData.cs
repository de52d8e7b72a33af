using System.Net.Http.Json;
using System.Text.Json;
using Locking.Features.Appointments;
using Locking.Features.Locks;

namespace Locking.Tests.TestHost;

public static class TestData
{
    public static object AppointmentBody(string title = "Check-up", DateTimeOffset? start = null, long? version = null, long? fencingToken = null, string? note = null)
    {
        var begins = start ?? DateTimeOffset.UtcNow.AddDays(1);
        return new
        {
            title,
            patientName = "Jane Roe",
            dateOfBirth = "1980-04-02",
            gender = "female",
            phone = "+49 30 1234567",
            doctorName = "Dr. Grey",
            note,
            startTime = begins,
            endTime = begins.AddMinutes(30),
            version,
            fencingToken,
        };
    }

    public static async Task<AppointmentView> CreateAppointmentAsync(this TestUser user, string title = "Check-up", DateTimeOffset? start = null, string? note = null)
    {
        var response = await user.Client.PostAsJsonAsync("/api/appointments", AppointmentBody(title, start, note: note));
        return await response.ReadAsync<AppointmentView>();
    }

    public static async Task<LockView> AcquireAsync(this TestUser user, Guid appointmentId)
    {
        var response = await user.Client.PostAsync($"/api/appointments/{appointmentId}/acquire-lock", null);
        return await response.ReadAsync<LockView>();
    }

    public static async Task<LockStatus> LockStatusAsync(this TestUser user, Guid appointmentId) =>
        await (await user.Client.GetAsync($"/api/appointments/{appointmentId}/lock-status")).ReadAsync<LockStatus>();

    public static T To<T>(this JsonElement element) => element.Deserialize<T>(Json.Options)!;
}

/// <summary>Starts many operations at one instant: each awaits the same gate, which opens once all are queued.</summary>
public static class Race
{
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> operation)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.Task;
            return await operation(i);
        }).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }
}
