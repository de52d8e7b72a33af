using System.Collections.Concurrent;
using Dapper;
using Locking.Features.Locks;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Locking.Features.Appointments;

public sealed record AppointmentView(
    Guid Id, string Title, string PatientName, DateOnly DateOfBirth, string Gender, string? Phone, string? Address,
    string? DoctorName, string? Note, string? Description, DateTimeOffset StartTime, DateTimeOffset EndTime,
    long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>An appointment with its lock, as <c>init-appointments</c> lists them.</summary>
public sealed record AppointmentWithLock(AppointmentView Appointment, bool Locked, LockView? Lock);

internal sealed class AppointmentRow
{
    public const string Columns = """
        id, title, patient_name, date_of_birth, gender, phone, address, doctor_name, note, description,
        start_time, end_time, version, fencing_token, created_at, updated_at
        """;

    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string PatientName { get; init; } = "";
    public string DateOfBirth { get; init; } = "";
    public string Gender { get; init; } = "";
    public string? Phone { get; init; }
    public string? Address { get; init; }
    public string? DoctorName { get; init; }
    public string? Note { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset StartTime { get; init; }
    public DateTimeOffset EndTime { get; init; }
    public long Version { get; init; }
    public long FencingToken { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public AppointmentView ToView() => new(Id, Title, PatientName, DateOnly.Parse(DateOfBirth, System.Globalization.CultureInfo.InvariantCulture),
        Gender, Phone, Address, DoctorName, Note, Description, StartTime, EndTime, Version, CreatedAt, UpdatedAt);
}

/// <summary>Reads shared by the appointment features, and the <c>update-appointments</c> event.</summary>
internal sealed class AppointmentStore(Db db, AppointmentIndex index, HubOutbox outbox)
{
    private const string Insert = $"""
        INSERT INTO appointments ({AppointmentRow.Columns})
        VALUES (@Id, @Title, @PatientName, @DateOfBirth, @Gender, @Phone, @Address, @DoctorName, @Note, @Description,
                @StartTime, @EndTime, 1, 0, @Now, @Now)
        RETURNING {AppointmentRow.Columns}
        """;

    /// <summary>Inserts the appointment and its "created" history entry in one transaction (also used by the demo data).</summary>
    public async Task<AppointmentView> CreateAsync(AppointmentFields fields, Guid userId, string userName, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var row = await db.WriteAsync(async (c, tx) =>
        {
            var created = await c.QuerySingleAsync<AppointmentRow>(new CommandDefinition(Insert, fields.ToParameters(id, now), tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(History.Insert,
                History.Entry(id, now, userId, userName, "created", 1, AppointmentFields.Diff([], fields.Snapshot())), tx, cancellationToken: ct));
            return created;
        }, ct);
        return row.ToView();
    }

    public async Task<AppointmentRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AppointmentRow>(new CommandDefinition(
            $"SELECT {AppointmentRow.Columns} FROM appointments WHERE id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<AppointmentView>> UpcomingAsync(DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<AppointmentRow>(new CommandDefinition(
            $"SELECT {AppointmentRow.Columns} FROM appointments WHERE end_time >= @now ORDER BY start_time LIMIT @limit",
            new { now, limit }, cancellationToken: ct));
        return rows.Select(r => r.ToView()).ToList();
    }

    /// <summary>After a committed create or update: index it and tell every editor.</summary>
    public void Changed(AppointmentView appointment)
    {
        index.Set(appointment.Id, appointment.Version);
        outbox.Post(c => c.Group(HubGroups.Editors).SendAsync("update-appointments", new { appointment }));
    }

    public void Deleted(Guid id)
    {
        index.Remove(id);
        outbox.Post(c => c.Group(HubGroups.Editors).SendAsync("update-appointments", new { id, deleted = true }));
    }
}

/// <summary>
/// Which appointments exist, and their current version, in memory: the lock routes answer 404 and
/// check <c>expectedVersion</c> without a database read. Every write goes through this process, which
/// updates the index after each commit; the database's conditional UPDATE stays the final word.
/// </summary>
internal sealed class AppointmentIndex(Db db) : ILockTargets
{
    private readonly ConcurrentDictionary<Guid, long> versions = new();

    public bool TryGetVersion(Guid id, out long version) => versions.TryGetValue(id, out version);

    public void Set(Guid id, long version) => versions.AddOrUpdate(id, version, (_, known) => Math.Max(known, version));

    public void Remove(Guid id) => versions.TryRemove(id, out _);

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        foreach (var (id, version) in await connection.QueryAsync<(Guid, long)>(new CommandDefinition(
            "SELECT id, version FROM appointments", cancellationToken: ct)))
        {
            Set(id, version);
        }
    }
}
