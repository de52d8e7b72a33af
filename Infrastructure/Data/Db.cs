using System.Data.Common;
using Locking.Infrastructure.Errors;
using Polly;
using Polly.Retry;

namespace Locking.Infrastructure.Data;

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The one way into the database (<c>Database:Provider</c>). Reads open a pooled connection; a
/// write runs in one transaction that commits unless the work throws, and a transient failure
/// (SQLite busy; PostgreSQL serialization failure, deadlock, dropped connection) runs it again,
/// then is answered as 503.
/// </summary>
internal abstract class Db
{
    private readonly ResiliencePipeline retry;

    protected Db() =>
        retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<DbException>(IsTransient),
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(25),
            })
            .Build();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Where the data lives, for log lines and start-up refusals (never a password).</summary>
    public abstract string Describe { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Runs <paramref name="work"/> in one write transaction; commits unless it throws.</summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        try
        {
            return await retry.ExecuteAsync(token => new ValueTask<T>(RunOnceAsync(work, token)), ct);
        }
        catch (DbException e) when (IsTransient(e))
        {
            throw new DatabaseBusyException(e);
        }
    }

    /// <summary>
    /// Held while the schema is migrated and seeded: instances starting at once take turns
    /// (a PostgreSQL advisory lock; SQLite's write transactions already serialise them).
    /// </summary>
    public virtual Task<IAsyncDisposable> LockForStartupAsync(CancellationToken ct) => Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    /// <summary>A unique or exclusion constraint refused the statement.</summary>
    public abstract bool IsConstraintViolation(DbException e);

    protected abstract Task<T> RunOnceAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct);

    protected abstract bool IsTransient(DbException e);
}

internal sealed class NoLock : IAsyncDisposable
{
    public static readonly NoLock Instance = new();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>The database stayed busy through every retry; answered as 503.</summary>
internal sealed class DatabaseBusyException(Exception inner)
    : ServiceUnavailableException("The database is busy; try again shortly.", inner);
