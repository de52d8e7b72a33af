using Dapper;

namespace Locking.Infrastructure.Data;

/// <summary>
/// Applies the provider's embedded <c>Migrations/{Provider}/NNN_name.sql</c> scripts in order,
/// each in its own transaction and recorded in <c>schema_migrations</c>; scripts already recorded
/// are skipped.
/// </summary>
internal sealed class Migrator(Db db, TimeProvider clock, ILogger<Migrator> logger)
{
    private static readonly Sql CreateLedger = new(
        Sqlite: "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
        Postgres: "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL)");

    public IReadOnlyList<(string Version, string Sql)> Scripts { get; } = ScriptsFor(db.Provider);

    public async Task<int> MigrateAsync(CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // WAL is a property of the file: set once, readers then never block the writer.
            await using var connection = await db.OpenAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: ct));
        }
        var applied = 0;
        foreach (var (version, sql) in Scripts)
        {
            var ran = await db.WriteAsync(async (connection, tx) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(CreateLedger.For(connection), transaction: tx, cancellationToken: ct));
                var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version }, tx, cancellationToken: ct));
                if (done > 0)
                {
                    return false;
                }
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: tx, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)",
                    new { version, at = clock.GetUtcNow() }, tx, cancellationToken: ct));
                return true;
            }, ct);
            if (ran)
            {
                applied++;
                logger.LogInformation("Applied migration {Version}", version);
            }
        }
        return applied;
    }

    public async Task<bool> IsCurrentAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var recorded = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT version FROM schema_migrations", cancellationToken: ct))).ToHashSet();
        return Scripts.All(s => recorded.Contains(s.Version));
    }

    public static List<(string Version, string Sql)> ScriptsFor(DatabaseProvider provider)
    {
        var prefix = $"Locking.Infrastructure.Data.Migrations.{provider}.";
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n[prefix.Length..^".sql".Length], reader.ReadToEnd());
            })
            .ToList();
    }
}
