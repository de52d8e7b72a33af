using Dapper;
using Locking.Infrastructure.Auth;

namespace Locking.Infrastructure.Data;

/// <summary>The demo accounts of API.md (password <c>Passw0rd!</c>), created only into an empty database.</summary>
internal sealed class DemoData(Db db, Users users, ILogger<DemoData> logger)
{
    public const string Password = "Passw0rd!";

    public async Task SeedAsync(CancellationToken ct)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: ct)) > 0)
            {
                return;
            }
        }
        (string Email, string Name, Role Role)[] accounts =
        [
            ("admin@example.com", "Ada Admin", Role.Admin),
            ("staff1@example.com", "Sam Staff", Role.Staff),
            ("staff2@example.com", "Sue Staff", Role.Staff),
            ("doctor1@example.com", "Dr. Grey", Role.Doctor),
            ("doctor2@example.com", "Dr. House", Role.Doctor),
            ("patient1@example.com", "Pat Patient", Role.Patient),
            ("patient2@example.com", "Paul Patient", Role.Patient),
        ];
        foreach (var (email, name, role) in accounts)
        {
            await users.CreateAsync(email, Password, name, role, doctorId: null, ct);
        }
        logger.LogInformation("Seeded {Count} demo accounts (password {Password})", accounts.Length, Password);
    }
}
