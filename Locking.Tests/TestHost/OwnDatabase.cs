namespace Locking.Tests.TestHost;

/// <summary>
/// A database of the test's own on the engine the suite runs on (a SQLite file, or a database on
/// the private PostgreSQL server) that outlives the apps started on it: two instances at once, a
/// restart. <see cref="Settings"/> points an app at it; disposing removes it.
/// </summary>
public sealed class OwnDatabase : IDisposable
{
    private readonly TempDatabase? file;
    private readonly string? postgres;

    public OwnDatabase(string prefix = "")
    {
        if (PostgresServer.InUse)
        {
            postgres = PostgresServer.Shared.CreateDatabase();
            Settings = new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = postgres };
        }
        else
        {
            file = new TempDatabase(prefix);
            Settings = new Dictionary<string, string?> { ["ConnectionStrings:Locking"] = file.ConnectionString };
        }
    }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>These settings and <paramref name="more"/>, for <see cref="LockingApp.With"/>.</summary>
    public Dictionary<string, string?> With(IReadOnlyDictionary<string, string?>? more = null) =>
        Settings.Concat(more ?? new Dictionary<string, string?>()).ToDictionary();

    public void Dispose()
    {
        file?.Dispose();
        if (postgres is not null)
        {
            PostgresServer.Shared.DropDatabase(postgres);
        }
    }
}
