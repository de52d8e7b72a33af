using Dapper;

namespace Locking.Infrastructure.Data;

/// <summary>
/// Applies the embedded <c>Migrations/NNN_name.sql</c> scripts in order, each in its own
/// transaction and recorded in <c>schema_migrations</c>; scripts already recorded are skipped.
/// </summary>
internal sealed class Migrator(Db db, TimeProvider clock, ILogger<Migrator> logger)
{
    private const string Prefix = "Locking.Infrastructure.Data.Migrations.";

    public static IReadOnlyList<(string Version, string Sql)> Scripts { get; } = LoadScripts();

    public async Task<int> MigrateAsync(CancellationToken ct)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            // WAL is a property of the file: set once, readers then never block the writer.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: ct));
        }
        var applied = 0;
        foreach (var (version, sql) in Scripts)
        {
            var ran = await db.WriteAsync(async (connection, tx) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
                    transaction: tx, cancellationToken: ct));
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

    private static List<(string, string)> LoadScripts()
    {
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n[Prefix.Length..^".sql".Length], reader.ReadToEnd());
            })
            .ToList();
    }
}
