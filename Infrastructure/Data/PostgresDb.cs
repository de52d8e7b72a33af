using System.Data;
using System.Data.Common;
using Locking.Infrastructure.Errors;
using Npgsql;

namespace Locking.Infrastructure.Data;

/// <summary>
/// PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>. Writes run at READ COMMITTED on
/// any number of connections and instances: every guarantee is a statement the database decides
/// (a conditional <c>UPDATE … RETURNING</c>, a unique or exclusion constraint), and a connection
/// is held only while its statements run.
/// </summary>
internal sealed class PostgresDb(NpgsqlDataSource source) : Db, IAsyncDisposable
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string Describe
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(source.ConnectionString);
            return $"'{b.Database}' on {b.Host}:{b.Port}";
        }
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await source.OpenConnectionAsync(ct);

    // Any fixed number will do, as long as every instance uses the same one ("Locking" in ASCII).
    private const long StartupLockKey = 0x4C6F636B696E67;

    public override async Task<IAsyncDisposable> LockForStartupAsync(CancellationToken ct)
    {
        var connection = await source.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", StartupLockKey);
            await take.ExecuteNonQueryAsync(ct);
        }
        return new StartupLock(connection);
    }

    /// <summary>Unlocks explicitly: a pooled connection's session outlives its Dispose. A process that dies ends its session, and the lock with it.</summary>
    private sealed class StartupLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection))
            {
                release.Parameters.AddWithValue("key", StartupLockKey);
                await release.ExecuteNonQueryAsync();
            }
            await connection.DisposeAsync();
        }
    }

    public override bool IsConstraintViolation(DbException e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation };

    protected override async Task<T> RunOnceAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var result = await work(connection, transaction);
        try
        {
            await transaction.CommitAsync(ct);
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            // The connection failed while committing: the server may have committed. Running the
            // work again could do it twice, so this one is answered 503 without a retry.
            throw new CommitUnknownException(e);
        }
        return result;
    }

    // Serialization failures and deadlocks (40001, 40P01), a dropped or failed-over server, an
    // exhausted pool: Npgsql marks them transient.
    protected override bool IsTransient(DbException e) => e is NpgsqlException { IsTransient: true };

    public ValueTask DisposeAsync() => source.DisposeAsync();
}

/// <summary>The connection failed during COMMIT, so whether the write happened is unknown; answered as 503, never retried.</summary>
internal sealed class CommitUnknownException(Exception inner)
    : ServiceUnavailableException("The database connection was lost while saving; the change may have been saved. Check before trying again.", inner);
