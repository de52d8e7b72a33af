using Dapper;
using Locking.Features.Appointments;
using Locking.Features.Catalog;
using Locking.Features.Slots;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Locking.Infrastructure.Hosting;

namespace Locking.Features.DemoData;

/// <summary>
/// The demo data of API.md, created only into an empty database: the accounts (password <c>Passw0rd!</c>),
/// specialties, the two doctors linked to the doctor accounts with a week of slots, and appointments.
/// </summary>
internal sealed class DemoData(Db db, UserAccounts users, AppointmentStore appointments, TimeProvider clock, IConfiguration configuration, ILogger<DemoData> logger)
    : IDatabaseSeed
{
    public const string Password = "Passw0rd!";

    public async Task SeedAsync(CancellationToken ct)
    {
        if (!configuration.Switch("Seed:Demo", false))
        {
            return;
        }
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
        await SeedDoctorsAsync(ct);
        await SeedAppointmentsAsync(created[0], ct);
    }

    /// <summary>Specialties, Dr. Grey and Dr. House (linked to doctor1/doctor2), and their slots for the coming weekdays.</summary>
    private async Task SeedDoctorsAsync(CancellationToken ct)
    {
        const string zone = "Europe/Berlin";
        var now = clock.GetUtcNow();
        var specialties = new List<Guid>();
        foreach (var (name, description) in new[]
        {
            ("General practice", "Check-ups, vaccinations and everyday complaints"),
            ("Cardiology", "Heart and circulation"),
            ("Dermatology", "Skin, hair and nails"),
        })
        {
            specialties.Add((await Specialties.CreateAsync(db, name, description, now, ct))!.Id);
        }
        var berlin = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, berlin).DateTime);
        // Dr. House sees small groups: three seats a slot.
        (string Name, string Email, int Specialty, decimal Fee, int Capacity)[] doctors =
        [
            ("Dr. Grey", "doctor1@example.com", 0, 60m, 1),
            ("Dr. House", "doctor2@example.com", 1, 120m, 3),
        ];
        var slots = 0;
        foreach (var d in doctors)
        {
            var doctor = (await Doctors.CreateAsync(db, d.Name, specialties[d.Specialty], d.Email, d.Fee, now, ct))!;
            slots += await db.WriteAsync(async (c, tx) =>
            {
                var created = 0;
                // The coming week's weekdays, 09:00 to 12:00 Berlin time in half hours (no DST change falls in those hours).
                for (var date = today.AddDays(1); date <= today.AddDays(7); date = date.AddDays(1))
                {
                    if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                    {
                        continue;
                    }
                    for (var start = new TimeOnly(9, 0); start < new TimeOnly(12, 0); start = start.AddMinutes(30))
                    {
                        var utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(start), berlin), TimeSpan.Zero);
                        created += await SlotStore.TryInsertAsync(c, tx, SlotStore.New(doctor.Id, utc, utc.AddMinutes(30), d.Capacity, now), ct) ? 1 : 0;
                    }
                }
                return created;
            }, ct);
        }
        logger.LogInformation("Seeded {Specialties} specialties, {Doctors} doctors and {Slots} slots", specialties.Count, doctors.Length, slots);
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

internal static class DemoDataModule
{
    /// <summary>Seeds when <c>Seed:Demo</c> is on (Development's default), once the database is migrated.</summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services) =>
        services.AddSingleton<DemoData>().AddSingleton<IDatabaseSeed>(sp => sp.GetRequiredService<DemoData>());
}
