using Locking.Infrastructure.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Locking.Infrastructure.Data;

internal static class DataSetup
{
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration)
    {
        DapperTypes.Register();
        var connectionString = configuration.GetConnectionString("Locking") ?? "Data Source=locking.db";
        services.AddSingleton(Open(connectionString));
        services.AddSingleton<Migrator>();
        services.TryAddSingleton(TimeProvider.System);
        // Migrations and demo data run before the server starts listening.
        services.AddHostedService<DatabaseStartup>();
        return services;
    }

    private static Db Open(string connectionString)
    {
        try
        {
            return new Db(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StartupRefusal($"Refusing to start: ConnectionStrings:Locking is not a SQLite connection string ({e.Message}).");
        }
    }
}

/// <summary>Data an area puts into the database once it is migrated, before the server listens (demo data).</summary>
internal interface IDatabaseSeed
{
    Task SeedAsync(CancellationToken ct);
}

internal sealed class DatabaseStartup(Migrator migrator, IEnumerable<IDatabaseSeed> seeds, Db db) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            throw new StartupRefusal($"Refusing to start: the database '{db.DataSource}' cannot be opened or migrated ({e.Message}).");
        }
        foreach (var seed in seeds)
        {
            await seed.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
