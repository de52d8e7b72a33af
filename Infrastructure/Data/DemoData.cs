using Dapper;
using Locking.Infrastructure.Appointments;
using Locking.Infrastructure.Auth;

namespace Locking.Infrastructure.Data;

/// <summary>The demo accounts of API.md (password <c>Passw0rd!</c>), created only into an empty database.</summary>
internal sealed class DemoData(Db db, Users users, AppointmentStore appointments, TimeProvider clock, ILogger<DemoData> logger)
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
        var created = new List<UserView>();
        foreach (var (email, name, role) in accounts)
        {
            created.Add((await users.CreateAsync(email, Password, name, role, doctorId: null, ct))!);
        }
        logger.LogInformation("Seeded {Count} demo accounts (password {Password})", accounts.Length, Password);
        await SeedAppointmentsAsync(created[0], ct);
    }

    private async Task SeedAppointmentsAsync(UserView admin, CancellationToken ct)
    {
        var today = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        (string Title, string Patient, string Born, string Gender, string Doctor, int Day, int Hour)[] visits =
        [
            ("Annual check-up", "Maria Lopez", "1985-03-14", "female", "Dr. Grey", 1, 9),
            ("Blood test results", "John Smith", "1972-11-02", "male", "Dr. House", 1, 11),
            ("Knee follow-up", "Aiko Tanaka", "1990-07-21", "female", "Dr. Grey", 2, 10),
            ("Vaccination", "Liam O'Brien", "2015-01-30", "male", "Dr. House", 2, 14),
            ("Allergy consultation", "Sam Taylor", "1999-09-09", "other", "Dr. Grey", 3, 15),
            ("Post-surgery review", "Fatima Khan", "1968-05-17", "female", "Dr. House", 4, 8),
        ];
        foreach (var v in visits)
        {
            var start = today.AddDays(v.Day).AddHours(v.Hour);
            await appointments.CreateAsync(new AppointmentFields
            {
                Title = v.Title,
                PatientName = v.Patient,
                DateOfBirth = DateOnly.Parse(v.Born, System.Globalization.CultureInfo.InvariantCulture),
                Gender = v.Gender,
                DoctorName = v.Doctor,
                StartTime = start,
                EndTime = start.AddMinutes(30),
            }, admin.Id, admin.Name, clock.GetUtcNow(), ct);
        }
        logger.LogInformation("Seeded {Count} demo appointments", visits.Length);
    }
}
