using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Locking.Infrastructure.Data;

internal static class DataSetup
{
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration)
    {
        DapperTypes.Register();
        var connectionString = configuration.GetConnectionString("Locking") ?? "Data Source=locking.db";
        services.AddSingleton(new Db(connectionString));
        services.AddSingleton<Migrator>();
        services.AddSingleton<DemoData>();
        services.TryAddSingleton(TimeProvider.System);
        // Migrations and demo data run before the server starts listening.
        services.AddHostedService<DatabaseStartup>();
        return services;
    }
}

internal sealed class DatabaseStartup(Migrator migrator, DemoData demo, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        if (configuration.GetValue<bool>("Seed:Demo"))
        {
            await demo.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
