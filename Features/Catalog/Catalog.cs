using System.Data;
using System.Data.Common;
using Dapper;
using Locking.Infrastructure.Data;

namespace Locking.Features.Catalog;

/// <summary>A medical specialty that doctors belong to.</summary>
public sealed record SpecialtyView
{
    public const string Select = "SELECT id, name, description FROM specialties";

    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
}

/// <summary>A doctor as the API shows one: with the specialty's name, so lists need no second call.</summary>
public sealed record DoctorView
{
    public const string Select = """
        SELECT d.id, d.name, d.specialty_id, s.name AS specialty_name, d.email, d.consultation_fee
        FROM doctors d JOIN specialties s ON s.id = d.specialty_id
        """;

    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public Guid SpecialtyId { get; init; }
    public string SpecialtyName { get; init; } = "";
    public string? Email { get; init; }
    public decimal? ConsultationFee { get; init; }
}

/// <summary>Creating specialties: shared by CreateSpecialty and the demo data.</summary>
internal static class Specialties
{
    // The unique (case-insensitive) name decides: no row means the name is taken. No conflict
    // target: PostgreSQL's unique index is on lower(name).
    private const string Insert = """
        INSERT INTO specialties (id, name, description, created_at) VALUES (@Id, @Name, @Description, @Now)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>Inserts the specialty, or returns null when the name is taken.</summary>
    public static async Task<SpecialtyView?> CreateAsync(Db db, string name, string? description, DateTimeOffset now, CancellationToken ct)
    {
        var specialty = new SpecialtyView
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
        };
        var inserted = await db.WriteAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(Insert,
            new { specialty.Id, specialty.Name, specialty.Description, Now = now }, tx, cancellationToken: ct)), ct);
        return inserted == 1 ? specialty : null;
    }
}

/// <summary>Creating and reading doctors: shared by the doctor and slot features and the demo data.</summary>
internal static class Doctors
{
    // The specialty's existence is part of the statement: no row means an unknown specialty.
    private const string Insert = """
        INSERT INTO doctors (id, name, specialty_id, email, consultation_fee, created_at)
        SELECT @Id, @Name, @SpecialtyId, @Email, @ConsultationFee, @Now
        WHERE EXISTS (SELECT 1 FROM specialties WHERE id = @SpecialtyId)
        """;

    // The doctor's account (if it exists) manages these slots from its next sign-in: the token's
    // doctorId claim comes from users.doctor_id.
    private const string LinkAccount = "UPDATE users SET doctor_id = @Id WHERE email = @Email AND role = 'doctor'";

    /// <summary>
    /// Inserts the doctor and links the doctor account with that email, in one transaction;
    /// null when the specialty does not exist.
    /// </summary>
    public static async Task<DoctorView?> CreateAsync(
        Db db, string name, Guid specialtyId, string? email, decimal? consultationFee, DateTimeOffset now, CancellationToken ct)
    {
        var parameters = new
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            SpecialtyId = specialtyId,
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant(),
            ConsultationFee = (double?)consultationFee,
            Now = now,
        };
        return await db.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(new CommandDefinition(Insert, parameters, tx, cancellationToken: ct)) == 0)
            {
                return null;
            }
            if (parameters.Email is not null)
            {
                await c.ExecuteAsync(new CommandDefinition(LinkAccount, parameters, tx, cancellationToken: ct));
            }
            return await FindAsync(c, tx, parameters.Id, ct);
        }, ct);
    }

    public static Task<DoctorView?> FindAsync(DbConnection connection, IDbTransaction? tx, Guid id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<DoctorView>(new CommandDefinition(
            $"{DoctorView.Select} WHERE d.id = @id", new { id }, tx, cancellationToken: ct));
}
