using System.Data.Common;
using Npgsql;

namespace Locking.Infrastructure.Data;

/// <summary>
/// A statement the two engines spell differently, both texts side by side next to the handler
/// that runs it; the connection picks its own.
/// </summary>
internal sealed record Sql(string Sqlite, string Postgres)
{
    public string For(DbConnection connection) => connection is NpgsqlConnection ? Postgres : Sqlite;
}
