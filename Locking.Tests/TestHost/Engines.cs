namespace Locking.Tests.TestHost;

/// <summary>
/// The trait that says which database engine a test is for. The test command runs the suite twice:
/// on SQLite (everything but <see cref="Postgres"/>), then on PostgreSQL (everything but
/// <see cref="SqliteOnly"/>, plus the <see cref="Postgres"/> tests).
/// </summary>
public static class Engines
{
    public const string Trait = "Engine";
    /// <summary>About the SQLite file itself (its pragmas, a migration only it has, the published single-file executable on it).</summary>
    public const string SqliteOnly = "SqliteOnly";
    /// <summary>About PostgreSQL only: several instances on one database.</summary>
    public const string Postgres = "Postgres";
}
