using System.Data;
using Locking.Infrastructure.Errors;
using Microsoft.Data.Sqlite;
using Polly;
using Polly.Retry;

namespace Locking.Infrastructure.Data;

/// <summary>
/// The one way into the SQLite file. Reads open a pooled connection; writes run one at a time
/// inside <c>BEGIN IMMEDIATE</c>, so a conditional statement in them sees no concurrent writer.
/// </summary>
internal sealed class Db
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private readonly string connectionString;
    // SQLite has a single writer anyway; queueing here is cheaper than the driver's 150 ms busy sleeps.
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly ResiliencePipeline retry;

    public Db(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = true };
        this.connectionString = builder.ToString();
        retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SqliteException>(IsBusy),
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(25),
            })
            .Build();
    }

    public string DataSource => new SqliteConnectionStringBuilder(connectionString).DataSource;

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction; commits unless it throws.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, IDbTransaction, Task<T>> work, CancellationToken ct)
    {
        try
        {
            return await retry.ExecuteAsync(async token =>
            {
                await writeGate.WaitAsync(token);
                try
                {
                    await using var connection = await OpenAsync(token);
                    await using var transaction = connection.BeginTransaction(deferred: false);
                    var result = await work(connection, transaction);
                    await transaction.CommitAsync(token);
                    return result;
                }
                finally
                {
                    writeGate.Release();
                }
            }, ct);
        }
        catch (SqliteException e) when (IsBusy(e))
        {
            throw new DatabaseBusyException(e);
        }
    }

    private static bool IsBusy(SqliteException e) => e.SqliteErrorCode is SqliteBusy or SqliteLocked;
}

/// <summary>The database stayed busy through every retry; answered as 503.</summary>
internal sealed class DatabaseBusyException(Exception inner)
    : ServiceUnavailableException("The database is busy; try again shortly.", inner);
