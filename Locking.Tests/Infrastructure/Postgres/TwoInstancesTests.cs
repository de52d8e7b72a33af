using System.Net;
using System.Net.Http.Json;
using Dapper;
using Locking.Features.Bookings;
using Locking.Features.Slots;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Locking.Tests.TestHost;

namespace Locking.Tests.Infrastructure.Postgres;

/// <summary>
/// Two instances of the service on one PostgreSQL database, requests alternating between them:
/// every guarantee is decided by the database, so each holds across instances with exact counts.
/// </summary>
[Trait(Engines.Trait, Engines.Postgres)]
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private readonly OwnDatabase database = OwnDatabase.OnPostgres();
    private readonly LockingApp first;
    private readonly LockingApp second;

    public TwoInstancesTests()
    {
        first = LockingApp.With(OnTheDatabase());
        second = LockingApp.With(OnTheDatabase());
    }

    private Dictionary<string, string?> OnTheDatabase(bool demo = false) =>
        database.With(new Dictionary<string, string?> { ["Seed:Demo"] = demo ? "true" : "false" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
        database.Dispose();
    }

    /// <summary>The instance request <paramref name="i"/> goes to.</summary>
    private LockingApp Instance(int i) => i % 2 == 0 ? first : second;

    /// <summary>The same user signed in on the other instance too (same key, same database).</summary>
    private (TestUser First, TestUser Second) OnBoth(TestUser user) =>
        (user, second.ClientFor(new UserView(user.Id, user.Email, user.Name, user.Role, user.DoctorId)));

    private Task<long> ScalarAsync(string sql, object args) => first.QueryAsync<long>(sql, args);

    [Fact]
    public async Task TwoInstancesStartingAtOnce_OnAnEmptyDatabase_MigrateOnce_AndSeedTheDemoDataOnce()
    {
        await using var a = LockingApp.With(OnTheDatabase(demo: true));
        await using var b = LockingApp.With(OnTheDatabase(demo: true));
        // The fixture's own instances have not started; these two are the first on the database.
        await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services));

        await using var connection = await a.OpenDatabaseAsync();
        var versions = (await connection.QueryAsync<string>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(Migrator.ScriptsFor(DatabaseProvider.Postgres).Select(m => m.Version), versions);
        Assert.Equal(7, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users"));
        Assert.Equal(6, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM appointments"));
        Assert.Equal(3, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM specialties"));
        Assert.Equal(60, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM slots"));
        Assert.Equal(HttpStatusCode.OK, (await b.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task FortyPatients_OnASlotOfThree_AcrossTwoInstances_BookExactlyThreeSeats()
    {
        var doctor = await first.CreateDoctorAsync();
        var slot = await first.CreateSlotAsync(doctor, capacity: 3);
        var patients = new List<TestUser>();
        for (var i = 0; i < 40; i++)
        {
            patients.Add(await Instance(i).ClientFor(Role.Patient));
        }

        var responses = await Race.RunAsync(40, i => patients[i].Client.PostAsJsonAsync("/api/bookings", new { slotId = slot }));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.AssertProblemAsync(409, "slot_full");
        }
        Assert.Equal(3, await ScalarAsync("SELECT seats_taken FROM slots WHERE id = @slot", new { slot }));
        Assert.Equal(3, await ScalarAsync("SELECT COUNT(*) FROM bookings WHERE slot_id = @slot AND status = 'CONFIRMED'", new { slot }));
    }

    [Fact]
    public async Task OnePatient_OnTwentyOverlappingSlots_AcrossTwoInstances_GetsOneBooking()
    {
        var (onFirst, onSecond) = OnBoth(await first.ClientFor(Role.Patient));
        var start = first.HoursFromNow(days: 2);
        var slots = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            // Twenty doctors, each with a slot overlapping the others by at least 10 minutes.
            slots.Add(await first.CreateSlotAsync(await first.CreateDoctorAsync(), capacity: 5, start: start.AddMinutes(i), minutes: 30));
        }

        var responses = await Race.RunAsync(20, i =>
            (i % 2 == 0 ? onFirst : onSecond).Client.PostAsJsonAsync("/api/bookings", new { slotId = slots[i] }));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.AssertProblemAsync(409, "booking_conflict");
        }
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM bookings WHERE patient_id = @id", new { id = onFirst.Id }));
        Assert.Equal(1, await ScalarAsync("SELECT SUM(seats_taken) FROM slots WHERE id = ANY(@slots)", new { slots = slots.ToArray() }));
    }

    [Fact]
    public async Task TwentyRetries_OfOneIdempotencyKey_AcrossTwoInstances_MakeOneBooking()
    {
        var doctor = await first.CreateDoctorAsync();
        var slot = await first.CreateSlotAsync(doctor, capacity: 10);
        var (onFirst, onSecond) = OnBoth(await first.ClientFor(Role.Patient));
        var key = $"key-{Guid.NewGuid():N}";

        var responses = await Race.RunAsync(20, i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(new { slotId = slot }) };
            request.Headers.Add("Idempotency-Key", key);
            return (i % 2 == 0 ? onFirst : onSecond).Client.SendAsync(request);
        });

        await first.AssertOneBookingMadeAsync(responses, slot);
    }

    [Fact]
    public async Task TwentyOverlappingSlotCreations_ForOneDoctor_AcrossTwoInstances_CreateOne()
    {
        var (onFirst, onSecond) = OnBoth(await first.ClientFor(Role.Admin));
        var doctor = await onFirst.CreateDoctorAsync();
        var start = first.HoursFromNow(days: 3);

        var responses = await Race.RunAsync(20, i =>
            (i % 2 == 0 ? onFirst : onSecond).Client.PostAsJsonAsync("/api/slots", SlotData.SlotBody(doctor.Id, start.AddMinutes(i), minutes: 30)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.AssertProblemAsync(409, "slot_overlap");
        }
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM slots WHERE doctor_id = @id", new { id = doctor.Id }));
    }

    [Fact]
    public async Task AStatusChange_RacingOnTwoInstances_HappensOnce()
    {
        var doctor = await first.CreateDoctorAsync();
        var slot = await first.CreateSlotAsync(doctor, capacity: 2);
        var (onFirst, onSecond) = OnBoth(await first.ClientFor(Role.Admin));
        var patient = await first.ClientFor(Role.Patient);
        var booking = await (await patient.Client.PostAsJsonAsync("/api/bookings", new { slotId = slot })).ReadAsync<BookingView>();

        // Twenty cancellations of one booking: one gives its seat back, the rest find it already cancelled.
        var responses = await Race.RunAsync(20, i =>
            (i % 2 == 0 ? onFirst : onSecond).Client.DeleteAsync($"/api/bookings/{booking.Id}"));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.NoContent));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.NoContent))
        {
            await refused.AssertProblemAsync(409, "invalid_transition");
        }
        Assert.Equal(0, await ScalarAsync("SELECT seats_taken FROM slots WHERE id = @slot", new { slot }));
    }

    [Fact]
    public async Task LapsedHolds_SweptByTwoInstancesAtOnce_EachGiveTheirSeatBackOnce_Repeated()
    {
        // Both instances started before the race, so that their sweeps really run side by side.
        var dbs = new[] { first, second }.Select(app => (Db)app.Services.GetService(typeof(Db))!).ToArray();
        var doctor = await first.CreateDoctorAsync();
        var patients = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            patients.Add((await first.ClientFor(Role.Patient)).Id);
        }
        var now = first.Clock.GetUtcNow();
        for (var round = 0; round < 5; round++)
        {
            var start = now.AddDays(1 + round);
            var slot = await first.CreateSlotAsync(doctor, capacity: 10, start: start);
            var slotView = new SlotView(slot, doctor, start, start.AddMinutes(30), 10, 10, true, now);
            foreach (var patient in patients)
            {
                await first.InsertBookingAsync(slotView, patient, BookingStatuses.Pending, expiresAt: now.AddMinutes(-1));
            }
            Assert.Equal(6, await ScalarAsync("SELECT seats_taken FROM slots WHERE id = @slot", new { slot }));

            // Both instances end the lapsed holds at once: each hold is ended by exactly one of them.
            var ended = await Race.RunAsync(2, i =>
                dbs[i].WriteAsync((c, tx) => HoldExpiry.ExpireAsync(c, tx, slot, now, CancellationToken.None), CancellationToken.None));

            Assert.Equal(6, ended.Sum(e => e.Count));
            Assert.Equal(6, ended.SelectMany(e => e).Select(e => e.BookingId).Distinct().Count());
            Assert.Equal(0, await ScalarAsync("SELECT seats_taken FROM slots WHERE id = @slot", new { slot }));
            Assert.Equal(6, await ScalarAsync("SELECT COUNT(*) FROM bookings WHERE slot_id = @slot AND status = 'EXPIRED'", new { slot }));
        }
    }
}
