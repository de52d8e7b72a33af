using System.Data.Common;
using System.Net.Sockets;
using Locking.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Locking.Infrastructure.Data;

internal static class DataSetup
{
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration)
    {
        DapperTypes.Register();
        var db = Open(configuration);
        // Built by a factory, so the container disposes it (and a PostgreSQL pool's connections) with the app.
        services.AddSingleton(_ => db);
        services.AddSingleton<Migrator>();
        services.TryAddSingleton(TimeProvider.System);
        // Migrations and demo data run before the server starts listening.
        services.AddHostedService<DatabaseStartup>();
        return services;
    }

    /// <summary>The database <c>Database:Provider</c> names: the SQLite file (default) or PostgreSQL.</summary>
    private static Db Open(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] is { Length: > 0 } named ? named : nameof(DatabaseProvider.Sqlite);
        if (char.IsDigit(provider[0]) || !Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var chosen))
        {
            throw new StartupRefusal($"Refusing to start: Database:Provider is '{provider}'; it must be Sqlite or Postgres.");
        }
        return chosen == DatabaseProvider.Postgres ? OpenPostgres(configuration) : OpenSqlite(configuration);
    }

    private static SqliteDb OpenSqlite(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Locking") ?? "Data Source=locking.db";
        try
        {
            return new SqliteDb(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StartupRefusal($"Refusing to start: ConnectionStrings:Locking is not a SQLite connection string ({e.Message}).");
        }
    }

    private static PostgresDb OpenPostgres(IConfiguration configuration)
    {
        if (configuration.GetConnectionString("Postgres") is not { Length: > 0 } connectionString)
        {
            throw new StartupRefusal("Refusing to start: Database:Provider is Postgres but ConnectionStrings:Postgres is empty (Npgsql syntax, e.g. Host=127.0.0.1;Database=locking;Username=locking;Password=…).");
        }
        try
        {
            // Pool size, timeouts and the rest come from the connection string (Maximum Pool Size=…).
            return new PostgresDb(new NpgsqlDataSourceBuilder(connectionString).Build());
        }
        catch (ArgumentException e)
        {
            throw new StartupRefusal($"Refusing to start: ConnectionStrings:Postgres is not an Npgsql connection string ({e.Message}).");
        }
    }
}

/// <summary>Data an area puts into the database once it is migrated, before the server listens (demo data).</summary>
internal interface IDatabaseSeed
{
    Task SeedAsync(CancellationToken ct);
}

/// <summary>
/// Migrates and seeds before the first request. Under the database's start-up lock: instances
/// starting at once on an empty database apply each migration and the demo data once.
/// </summary>
internal sealed class DatabaseStartup(Migrator migrator, IEnumerable<IDatabaseSeed> seeds, Db db) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var startup = await db.LockForStartupAsync(cancellationToken);
            await migrator.MigrateAsync(cancellationToken);
            foreach (var seed in seeds)
            {
                await seed.SeedAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is DbException or SocketException or TimeoutException)
        {
            throw new StartupRefusal($"Refusing to start: the database {db.Describe} cannot be opened or migrated ({e.Message}).");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
