using BenchmarkDotNet.Attributes;
using Dapper;
using Locking.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Locking.Benchmarks;

/// <summary>
/// The write every booking makes, on a warm, migrated database: one transaction through
/// <see cref="Db.WriteAsync{T}"/> that takes a seat with the conditional UPDATE (the row count
/// decides) and inserts the booking row. Seats are given back every <see cref="ResetEvery"/>
/// bookings so the slot never fills and every call is a success. On SQLite (a temp file,
/// <c>BEGIN IMMEDIATE</c>, WAL with synchronous=NORMAL) and, when <c>LOCKING_BENCH_POSTGRES</c>
/// names a PostgreSQL server (bench/engines.sh starts a private one and sets it), on a new database
/// there (READ COMMITTED, its default synchronous_commit=on: every commit is flushed).
/// </summary>
[MemoryDiagnoser]
public class BookingBenchmarks
{
    private const int Capacity = 1_000;
    private const int ResetEvery = Capacity / 2;

    private const string TakeSeat = """
        UPDATE slots SET seats_taken = seats_taken + 1
        WHERE id = @slotId AND seats_taken + 1 <= capacity
        """;

    private const string InsertBooking = """
        INSERT INTO bookings (id, slot_id, doctor_id, patient_id, seats, status, start_time, end_time, expires_at,
                              reason_for_visit, idempotency_key, created_by, created_at, updated_at)
        VALUES (@id, @slotId, @doctorId, @patientId, 1, 'CONFIRMED', @start, @end, NULL, NULL, NULL, @patientId, @now, @now)
        """;

    private const string Reset = """
        DELETE FROM bookings WHERE slot_id = @slotId;
        UPDATE slots SET seats_taken = 0 WHERE id = @slotId;
        """;

    // A patient's active bookings may not overlap (PostgreSQL's exclusion constraint): each booking
    // between two resets is a different patient's.
    private readonly Guid[] patients = Enumerable.Range(0, ResetEvery).Select(_ => Guid.CreateVersion7()).ToArray();
    private readonly Guid doctorId = Guid.CreateVersion7();
    private readonly Guid slotId = Guid.CreateVersion7();
    private readonly DateTimeOffset start = new(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);
    private string path = "";
    private string postgresDatabase = "";
    private Db db = null!;
    private int booked;

    public static IEnumerable<string> Engines =>
        Environment.GetEnvironmentVariable("LOCKING_BENCH_POSTGRES") is { Length: > 0 } ? ["Sqlite", "Postgres"] : ["Sqlite"];

    [ParamsSource(nameof(Engines))]
    public string Engine { get; set; } = "Sqlite";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        DapperTypes.Register();
        path = Path.Combine(Path.GetTempPath(), $"locking-bench-{Guid.NewGuid():N}.db");
        db = Engine == "Postgres" ? await NewPostgresDatabaseAsync() : new SqliteDb($"Data Source={path}");
        await new Migrator(db, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var specialtyId = Guid.CreateVersion7();
        await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO specialties (id, name, description, created_at) VALUES (@specialtyId, 'Bench', NULL, @now);
            INSERT INTO doctors (id, name, specialty_id, email, consultation_fee, created_at)
            VALUES (@doctorId, 'Dr. Bench', @specialtyId, NULL, NULL, @now);
            INSERT INTO slots (id, doctor_id, start_time, end_time, capacity, seats_taken, is_available, created_at)
            VALUES (@slotId, @doctorId, @start, @end, @capacity, 0, 1, @now);
            """, new { specialtyId, doctorId, slotId, start, end = start.AddMinutes(30), capacity = Capacity, now }, tx),
            CancellationToken.None);
        await db.WriteAsync((c, tx) => c.ExecuteAsync("""
            INSERT INTO users (id, email, name, role, password_hash, doctor_id, created_at)
            VALUES (@id, @email, 'Bench Patient', 'patient', 'x', NULL, @now)
            """, patients.Select(id => new { id, email = $"bench-{id:N}@example.com", now }), tx), CancellationToken.None);
    }

    /// <summary>A database of this benchmark process's own on the server LOCKING_BENCH_POSTGRES names; dropped at the end.</summary>
    private async Task<Db> NewPostgresDatabaseAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("LOCKING_BENCH_POSTGRES"));
        postgresDatabase = $"bench_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.ExecuteAsync($"CREATE DATABASE {postgresDatabase}");
        }
        server.Database = postgresDatabase;
        return new PostgresDb(new NpgsqlDataSourceBuilder(server.ConnectionString).Build());
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (db is PostgresDb postgres)
        {
            await postgres.DisposeAsync();
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("LOCKING_BENCH_POSTGRES"));
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)");
            return;
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Benchmark(Description = "booking transaction (seat UPDATE + INSERT, one commit)")]
    public async Task<bool> BookOneSeat()
    {
        if (++booked % ResetEvery == 0)
        {
            await db.WriteAsync((c, tx) => c.ExecuteAsync(Reset, new { slotId }, tx), CancellationToken.None);
        }
        return await db.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(TakeSeat, new { slotId }, tx) == 0)
            {
                throw new InvalidOperationException("The bench slot filled up: the reset did not run.");
            }
            var now = DateTimeOffset.UtcNow;
            await c.ExecuteAsync(InsertBooking,
                new { id = Guid.CreateVersion7(), slotId, doctorId, patientId = patients[booked % ResetEvery], start, end = start.AddMinutes(30), now }, tx);
            return true;
        }, CancellationToken.None);
    }
}
