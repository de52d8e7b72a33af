using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Locking.Features.Bookings;
using Locking.Features.Slots;
using Locking.Tests.TestHost;
using Npgsql;

namespace Locking.Tests.Infrastructure.Postgres;

/// <summary>The published executable on PostgreSQL, killed with SIGKILL while it books, then started again.</summary>
[Trait(Engines.Trait, Engines.Postgres)]
public sealed class CrashTests : IDisposable
{
    private const string Password = "Correct-Horse-42";
    private const int Patients = 100;
    private const int Workers = 8;
    private const int KillAfter = 50;
    private readonly string directory = Directory.CreateTempSubdirectory("locking-crash-").FullName;
    private readonly OwnDatabase database = OwnDatabase.OnPostgres();

    public void Dispose()
    {
        Directory.Delete(directory, recursive: true);
        database.Dispose();
    }

    private Dictionary<string, string> Production() => new(database.Environment())
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Auth__SigningKey"] = "crash-test-signing-key-0123456789-abcdefghijk",
        ["RateLimits__Login__PermitLimit"] = "0",
    };

    [Fact]
    public async Task KilledUnderBookingLoad_LosesNoAcknowledgedBooking_AndComesBackWithConsistentSeats()
    {
        // A first admin on an empty PostgreSQL database, made by the command line as an operator would.
        var created = await ServiceProcess.RunAsync(directory, Production(), Password + "\n", "admin", "create", "--email", "root@clinic.example", "--name", "Root");
        Assert.True(created.ExitCode == 0, created.Out + created.Error);

        Guid slot;
        var acknowledged = new ConcurrentBag<Guid>();
        await using (var service = await ServiceProcess.StartAsync(directory, Production()))
        {
            using var http = await SignedInAsync(service);
            slot = await SlotAsync(http, capacity: Patients);
            var patients = await PatientsAsync(Patients);
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var next = -1;
            var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                // Each worker books patient after patient until the service dies under it.
                while (Interlocked.Increment(ref next) is var i && i < patients.Count)
                {
                    try
                    {
                        using var response = await http.PostAsJsonAsync("/api/bookings", new { slotId = slot, patientId = patients[i] });
                        var booking = await response.ReadAsync<BookingView>();
                        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                        acknowledged.Add(booking.Id);
                        if (acknowledged.Count >= KillAfter)
                        {
                            enough.TrySetResult();
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToArray();
            var finished = Task.WhenAll(workers);
            if (await Task.WhenAny(enough.Task, finished).WaitAsync(TimeSpan.FromSeconds(60)) == finished)
            {
                await finished; // a refused booking fails the test here, with its answer
            }
            await service.KillAsync();
            await finished;
        }
        Assert.True(acknowledged.Count < Patients, "the kill came while bookings were still being made");

        await using (var restarted = await ServiceProcess.StartAsync(directory, Production()))
        {
            using var http = await SignedInAsync(restarted);
            foreach (var id in acknowledged)
            {
                var booking = await (await http.GetAsync($"/api/bookings/{id}")).ReadAsync<BookingView>();
                Assert.Equal(BookingStatus.Confirmed, booking.Status);
            }
            // Whatever was in flight either committed whole or not at all: the counter matches the rows.
            await using var connection = new NpgsqlConnection(database.PostgresConnection);
            var (taken, confirmed, rows) = await connection.QuerySingleAsync<(int, long, long)>(
                "SELECT s.seats_taken, (SELECT COALESCE(SUM(seats), 0) FROM bookings b WHERE b.slot_id = s.id AND b.status = 'CONFIRMED'), (SELECT COUNT(*) FROM bookings b WHERE b.slot_id = s.id) FROM slots s WHERE s.id = @slot",
                new { slot });
            Assert.Equal(confirmed, taken);
            Assert.Equal(rows, confirmed);
            Assert.InRange(rows, acknowledged.Count, acknowledged.Count + Workers);

            // And it books again.
            var patient = (await PatientsAsync(1)).Single();
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/bookings", new { slotId = slot, patientId = patient })).StatusCode);
        }
    }

    private static async Task<HttpClient> SignedInAsync(ServiceProcess service)
    {
        var http = new HttpClient { BaseAddress = service.Address };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = "root@clinic.example", password = Password });
        var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    private static async Task<Guid> SlotAsync(HttpClient admin, int capacity)
    {
        var specialty = await (await admin.PostAsJsonAsync("/api/specialties", new { name = "Crash" })).ReadAsync<JsonElement>();
        var doctor = await (await admin.PostAsJsonAsync("/api/doctors", new { name = "Dr. Crash", specialtyId = specialty.GetProperty("id").GetGuid() })).ReadAsync<JsonElement>();
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(2).AddHours(9);
        var slot = await (await admin.PostAsJsonAsync("/api/slots", SlotData.SlotBody(doctor.GetProperty("id").GetGuid(), start, capacity: capacity))).ReadAsync<JsonElement>();
        return slot.GetProperty("id").GetGuid();
    }

    /// <summary>Patient accounts written straight to the database (signing in is not what this test is about).</summary>
    private async Task<List<Guid>> PatientsAsync(int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        await using var connection = new NpgsqlConnection(database.PostgresConnection);
        await connection.ExecuteAsync(
            "INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (@id, @email, 'Patient', 'patient', 'not-a-hash', now())",
            ids.Select(id => new { id, email = $"{id:N}@crash.example" }));
        return ids;
    }
}
