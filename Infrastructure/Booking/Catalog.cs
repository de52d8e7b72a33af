using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Locking.Infrastructure.Booking;

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

internal static class Doctors
{
    public static Task<DoctorView?> FindAsync(SqliteConnection connection, IDbTransaction? tx, Guid id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<DoctorView>(new CommandDefinition(
            $"{DoctorView.Select} WHERE d.id = @id", new { id }, tx, cancellationToken: ct));
}
