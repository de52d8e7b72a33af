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

    public OwnDatabase(string prefix = "") : this(PostgresServer.InUse, prefix) { }

    private OwnDatabase(bool onPostgres, string prefix)
    {
        if (onPostgres)
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

    /// <summary>A database on the private PostgreSQL server, whichever engine the suite runs on (the tests about PostgreSQL itself).</summary>
    public static OwnDatabase OnPostgres() => new(onPostgres: true, "");

    /// <summary>The setting keys that name a database: an app given any of them uses that one.</summary>
    public static readonly string[] Keys = ["Database:Provider", "ConnectionStrings:Locking", "ConnectionStrings:Postgres"];

    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>The PostgreSQL connection string (null on SQLite).</summary>
    public string? PostgresConnection => postgres;

    /// <summary>These settings and <paramref name="more"/>, for <see cref="LockingApp.With"/>.</summary>
    public Dictionary<string, string?> With(IReadOnlyDictionary<string, string?>? more = null) =>
        Settings.Concat(more ?? new Dictionary<string, string?>()).ToDictionary();

    /// <summary>The settings as environment variables, for the executable (<c>Section__Key</c>).</summary>
    public Dictionary<string, string> Environment() =>
        Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? "");

    public void Dispose()
    {
        file?.Dispose();
        if (postgres is not null)
        {
            PostgresServer.Shared.DropDatabase(postgres);
        }
    }
}
