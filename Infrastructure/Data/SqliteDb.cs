using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Locking.Infrastructure.Data;

/// <summary>
/// The embedded default: one SQLite file. Writes run one at a time inside <c>BEGIN IMMEDIATE</c>,
/// so a conditional statement in them sees no concurrent writer.
/// </summary>
internal sealed class SqliteDb : Db
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;

    private readonly string connectionString;
    // SQLite has a single writer anyway; queueing here is cheaper than the driver's 150 ms busy sleeps.
    private readonly SemaphoreSlim writeGate = new(1, 1);

    public SqliteDb(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = true };
        this.connectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string DataSource { get; }

    public override string Describe => $"'{DataSource}'";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    public override bool IsConstraintViolation(DbException e) => e is SqliteException { SqliteErrorCode: SqliteConstraint };

    protected override async Task<T> RunOnceAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        await writeGate.WaitAsync(ct);
        try
        {
            await using var connection = (SqliteConnection)await OpenAsync(ct);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(ct);
            return result;
        }
        finally
        {
            writeGate.Release();
        }
    }

    protected override bool IsTransient(DbException e) => e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };
}
