using Dapper;
using Locking.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace Locking.Infrastructure.Auth;

/// <summary>What the API shows of a user: never the password hash.</summary>
public sealed record UserView(Guid Id, string Email, string Name, Role Role, Guid? DoctorId);

public enum AdminOutcome
{
    Created,
    Promoted,
    AlreadyAdmin,
}

internal sealed class UserRow
{
    public Guid Id { get; init; }
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public Guid? DoctorId { get; init; }

    public UserView ToView() => new(Id, Email, Name, Enum.Parse<Role>(Role, ignoreCase: true), DoctorId);
}

/// <summary>The users table: shared by register, create-user, login and the demo data.</summary>
internal sealed class UserAccounts(Db db, IPasswordHasher<UserRow> hasher, TimeProvider clock)
{
    private const string Insert = """
        INSERT INTO users (id, email, name, role, password_hash, doctor_id, created_at)
        VALUES (@Id, @Email, @Name, @Role, @PasswordHash, @DoctorId, @CreatedAt)
        ON CONFLICT (email) DO NOTHING
        """;

    private const string ByEmail = """
        SELECT id, email, name, role, password_hash AS PasswordHash, doctor_id AS DoctorId
        FROM users WHERE email = @email
        """;

    /// <summary>Creates the user, or returns null when the email is taken: the unique index decides.</summary>
    public async Task<UserView?> CreateAsync(string email, string password, string name, Role role, Guid? doctorId, CancellationToken ct)
    {
        var row = new UserRow
        {
            Id = Guid.CreateVersion7(),
            Email = Normalize(email),
            Name = name.Trim(),
            Role = role.ToClaim(),
            DoctorId = doctorId,
        };
        var hash = hasher.HashPassword(row, password);
        var inserted = await db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(Insert,
            new { row.Id, row.Email, row.Name, row.Role, PasswordHash = hash, row.DoctorId, CreatedAt = clock.GetUtcNow() },
            tx, cancellationToken: ct)), ct);
        return inserted == 1 ? row.ToView() : null;
    }

    /// <summary>
    /// Creates an admin, or makes the existing user with that email one (their password stays):
    /// the unique index decides which, and the role change is one conditional UPDATE.
    /// </summary>
    public async Task<(AdminOutcome Outcome, UserView User)> CreateOrPromoteAdminAsync(string email, string password, string name, CancellationToken ct)
    {
        if (await CreateAsync(email, password, name, Role.Admin, doctorId: null, ct) is { } created)
        {
            return (AdminOutcome.Created, created);
        }
        var promoted = await db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET role = @Role WHERE email = @Email AND role <> @Role",
            new { Role = Role.Admin.ToClaim(), Email = Normalize(email) }, tx, cancellationToken: ct)), ct);
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleAsync<UserRow>(new CommandDefinition(ByEmail, new { email = Normalize(email) }, cancellationToken: ct));
        return (promoted == 1 ? AdminOutcome.Promoted : AdminOutcome.AlreadyAdmin, row.ToView());
    }

    /// <summary>The user whose email and password match, or null.</summary>
    public async Task<UserView?> VerifyAsync(string email, string password, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
            new CommandDefinition(ByEmail, new { email = Normalize(email) }, cancellationToken: ct));
        if (row is null)
        {
            // Hash anyway so a missing account takes as long as a wrong password.
            hasher.HashPassword(new UserRow(), password);
            return null;
        }
        return hasher.VerifyHashedPassword(row, row.PasswordHash, password) == PasswordVerificationResult.Failed
            ? null
            : row.ToView();
    }

    public async Task<UserView?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            "SELECT id, email, name, role, doctor_id AS DoctorId FROM users WHERE id = @id", new { id }, cancellationToken: ct));
        return row?.ToView();
    }

    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(
            "SELECT id, email, name, role, doctor_id AS DoctorId FROM users ORDER BY email", cancellationToken: ct));
        return rows.Select(r => r.ToView()).ToList();
    }

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
