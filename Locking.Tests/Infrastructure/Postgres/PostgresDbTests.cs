using System.Net;
using System.Net.Http.Json;
using Dapper;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Errors;
using Locking.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Locking.Tests.Infrastructure.Postgres;

/// <summary>The PostgreSQL write path's own promises: what is retried and what is not.</summary>
[Trait(Engines.Trait, Engines.Postgres)]
public sealed class PostgresDbTests : IAsyncLifetime
{
    private readonly OwnDatabase database = OwnDatabase.OnPostgres();
    private readonly LockingApp app;

    public PostgresDbTests() => app = LockingApp.With(database.With());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task AConnectionEndedBeforeTheCommit_IsRetried_AndTheWriteLandsOnce()
    {
        var db = app.Services.GetRequiredService<Db>();
        var id = Guid.NewGuid();
        var runs = 0;

        await db.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("INSERT INTO specialties (id, name, created_at) VALUES (@id, @name, now())", new { id, name = $"Retried {id:N}" }, tx);
            if (Interlocked.Increment(ref runs) == 1)
            {
                // Ends this session from another one and waits until it has gone: the server answers
                // the COMMIT with an error, so nothing was committed and running again is safe.
                var pid = await c.ExecuteScalarAsync<int>("SELECT pg_backend_pid()", transaction: tx);
                await using var other = new NpgsqlConnection(database.PostgresConnection);
                Assert.True(await other.ExecuteScalarAsync<bool>("SELECT pg_terminate_backend(@pid, 10000)", new { pid }));
            }
            return 0;
        }, CancellationToken.None);

        Assert.Equal(2, runs);
        Assert.Equal(1, await app.QueryAsync<long>("SELECT COUNT(*) FROM specialties WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task AConnectionLostDuringTheCommit_IsAnswered503_AndTheWorkIsNotRunAgain()
    {
        // The app talks to PostgreSQL through a proxy that forwards the COMMIT and then drops the
        // connection before the answer: the server committed, the service cannot know.
        await using var proxy = await CuttingProxy.StartAsync(new NpgsqlConnectionStringBuilder(database.PostgresConnection).Port);
        var through = new NpgsqlConnectionStringBuilder(database.PostgresConnection) { Port = proxy.Port, Pooling = false };
        await using var cut = LockingApp.With(new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = through.ConnectionString });
        var db = cut.Services.GetRequiredService<Db>();
        var id = Guid.NewGuid();
        var runs = 0;

        var lost = await Assert.ThrowsAsync<CommitUnknownException>(() => db.WriteAsync(async (c, tx) =>
        {
            Interlocked.Increment(ref runs);
            await c.ExecuteAsync("INSERT INTO specialties (id, name, created_at) VALUES (@id, @name, now())", new { id, name = $"Lost {id:N}" }, tx);
            proxy.CutAfterCommit();
            return 0;
        }, CancellationToken.None));

        Assert.IsAssignableFrom<ServiceUnavailableException>(lost); // answered 503 `unavailable`
        Assert.Equal(1, runs);
        Assert.Equal(1, await app.QueryAsync<long>("SELECT COUNT(*) FROM specialties WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task APoolOfThreeConnections_ServesFortyConcurrentBookings_WithoutHanging()
    {
        // A request never holds a connection while it waits for another (the system we replace hung
        // its whole pool at 10 concurrent requests): forty at once through three connections all finish.
        var small = new NpgsqlConnectionStringBuilder(database.PostgresConnection) { MaxPoolSize = 3, Timeout = 30 };
        await using var pooled = LockingApp.With(new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = small.ConnectionString });
        var doctor = await pooled.CreateDoctorAsync();
        var slot = await pooled.CreateSlotAsync(doctor, capacity: 3);
        var patients = new List<TestUser>();
        for (var i = 0; i < 40; i++)
        {
            patients.Add(await pooled.ClientFor(Role.Patient));
        }

        var responses = await Race.RunAsync(40, i => patients[i].Client.PostAsJsonAsync("/api/bookings", new { slotId = slot }));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.AssertProblemAsync(409, "slot_full");
        }
    }

    [Fact]
    public async Task ADeadlock_IsRetried_AndTheWriteThenSucceeds()
    {
        var db = app.Services.GetRequiredService<Db>();
        var runs = 0;

        var result = await db.WriteAsync(async (c, tx) =>
        {
            if (Interlocked.Increment(ref runs) == 1)
            {
                throw new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected);
            }
            return await c.ExecuteScalarAsync<int>("SELECT 42", transaction: tx);
        }, CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(2, runs);
    }
}
