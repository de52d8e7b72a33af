using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Locking.Features.DemoData;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Locking.Tests.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Locking.Tests.Infrastructure;

public sealed class PlatformTests(LockingApp app) : IClassFixture<LockingApp>
{
    [Fact]
    [Trait(Engines.Trait, Engines.SqliteOnly)]
    public async Task Migrations_AppliedTwiceOnTheSameFile_AreHarmless()
    {
        // A file of the test's own, so that neither app deletes it when disposed; the test does at its end.
        using var file = new TempDatabase("twice-");
        var onFile = new Dictionary<string, string?> { ["ConnectionStrings:Locking"] = file.ConnectionString };
        await using (var first = LockingApp.With(onFile))
        {
            var user = await first.ClientFor(Role.Staff);
            Assert.NotEqual(Guid.Empty, user.Id);
            Assert.Equal(0, await first.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None));
        }
        // A second service on the same file: starts, applies nothing, keeps the data.
        await using var second = LockingApp.With(onFile);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/health/ready")).StatusCode);
        Assert.Equal(0, await second.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None));
        await using var connection = new SqliteConnection(file.ConnectionString);
        var versions = (await connection.QueryAsync<string>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(Migrator.ScriptsFor(DatabaseProvider.Sqlite).Select(s => s.Version), versions);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users"));
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Health_LiveAndReady_AreHealthy()
    {
        var client = app.CreateClient();
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_Ready_IsUnhealthyWhenTheSchemaIsMissing()
    {
        await using var own = new LockingApp();
        var client = own.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        await using (var connection = await own.OpenDatabaseAsync())
        {
            await connection.ExecuteAsync("DELETE FROM schema_migrations");
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_ListsAuthRoutesWithTheirResponseCodes_AndBearerScheme()
    {
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");
        string[] Codes(string path, string method) =>
            paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Equal(["201", "400", "409", "415"], Codes("/api/auth/register", "post").Order());
        Assert.Equal(["200", "400", "401", "415", "429"], Codes("/api/auth/login", "post").Order());
        Assert.Equal(["200", "401"], Codes("/api/auth/me", "get").Order());
        Assert.Contains("403", Codes("/api/users", "post"));
        Assert.Equal("Login", paths.GetProperty("/api/auth/login").GetProperty("post").GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrEmpty(paths.GetProperty("/api/auth/me").GetProperty("get").GetProperty("summary").GetString()));

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(paths.GetProperty("/api/auth/me").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/api/auth/login").GetProperty("post").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task EveryApiRoute_HasItsAreaTag_AllButSignInAndRegisterAnswer401Anonymously_AndEditorAreasRefusePatients()
    {
        var client = app.CreateClient();
        var patient = await app.ClientFor(Role.Patient);
        var paths = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        string[] areas = ["Auth", "Users", "Appointments", "Locks", "Specialties", "Doctors", "Slots", "Bookings"];
        List<string> anonymous = [];
        var operations = 0;
        foreach (var path in paths.EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                operations++;
                var route = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var tag = Assert.Single(operation.Value.GetProperty("tags").EnumerateArray()).GetString();
                Assert.True(areas.Contains(tag), $"{route} is tagged {tag}");
                if (!operation.Value.TryGetProperty("security", out _))
                {
                    anonymous.Add(route);
                    continue;
                }
                var url = Regex.Replace(path.Name, "{[^}]+}", Guid.NewGuid().ToString());
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url);
                Assert.True(HttpStatusCode.Unauthorized == (await client.SendAsync(request)).StatusCode, $"{route} without a token");
                if (tag is "Appointments" or "Locks")
                {
                    using var asPatient = new HttpRequestMessage(request.Method, url);
                    Assert.True(HttpStatusCode.Forbidden == (await patient.Client.SendAsync(asPatient)).StatusCode, $"{route} as a patient");
                }
            }
        }
        Assert.Equal(46, operations);
        Assert.Equal(["POST /api/auth/login", "POST /api/auth/register"], anonymous.Order());
    }

    [Fact]
    public async Task Scalar_ServesItsEmbeddedReference_WithBearerPreselected_AndDocsRedirectsThere()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var bare = await client.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.Found, bare.StatusCode);
        Assert.Equal("scalar/", bare.Headers.Location?.OriginalString);

        var page = await client.GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Contains("\"preferredSecurityScheme\":[\"Bearer\"]", html, StringComparison.Ordinal);
        // The buttons that reach Scalar's hosted services stay off.
        Assert.Contains("\"agent\":{\"disabled\":true}", html, StringComparison.Ordinal);
        Assert.Contains("\"mcp\":{\"disabled\":true}", html, StringComparison.Ordinal);

        // The bundle is embedded in the package: no npm, no CDN.
        var bundle = await client.GetAsync("/scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.True((await bundle.Content.ReadAsByteArrayAsync()).Length > 100_000);

        var docs = await client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.Redirect, docs.StatusCode);
        Assert.Equal("/scalar", docs.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Hub_RejectsAnonymous_AcceptsSignedIn()
    {
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => app.ConnectHubAsync((string?)null));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => app.ConnectHubAsync("not-a-token"));

        var staff = await app.ClientFor(Role.Staff);
        await using var hub = await app.ConnectHubAsync(staff);
        Assert.False(hub.Closed.IsCompleted);
    }

    [Fact]
    public void Production_WithoutSigningKey_RefusesToStart_WithAClearMessage()
    {
        using var production = LockingApp.With(new Dictionary<string, string?> { ["Auth:SigningKey"] = "" }, "Production");
        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        var message = error is InvalidOperationException ? error.Message : error.InnerException?.Message ?? error.Message;
        Assert.Contains("Auth:SigningKey is not set", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithAnExternalAuthority_StartsWithoutASigningKey_AndLocalLoginSaysWhere()
    {
        await using var external = LockingApp.With(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = "",
            ["Auth:Authority"] = "https://login.clinic.invalid",
        }, "Production");
        var client = external.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var login = await client.PostAsync("/api/auth/login",
            System.Net.Http.Json.JsonContent.Create(new { email = "someone@test.local", password = "whatever1" }));
        await login.AssertProblemAsync(501, "local_login_disabled");
    }

    [Fact]
    public async Task DemoData_IsNotSeeded_WhenSeedDemoIsOff()
    {
        // The class fixture runs with Seed:Demo=false, as production does unless told otherwise.
        var login = await app.CreateClient().PostAsync("/api/auth/login",
            System.Net.Http.Json.JsonContent.Create(new { email = "admin@example.com", password = DemoData.Password }));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        await using var connection = await app.OpenDatabaseAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM specialties"));
    }

    [Fact]
    public async Task DemoData_SeedsTheDocumentedAccounts_OnlyIntoAnEmptyDatabase()
    {
        await using var demo = LockingApp.With(new Dictionary<string, string?> { ["Seed:Demo"] = "true" });
        var client = demo.CreateClient();
        foreach (var email in new[] { "admin@example.com", "staff1@example.com", "staff2@example.com", "doctor1@example.com", "doctor2@example.com", "patient1@example.com", "patient2@example.com" })
        {
            var login = await client.PostAsync("/api/auth/login", System.Net.Http.Json.JsonContent.Create(new { email, password = DemoData.Password }));
            Assert.True(login.StatusCode == HttpStatusCode.OK, $"{email}: {(int)login.StatusCode}");
        }
        var seeder = demo.Services.GetRequiredService<DemoData>();
        await seeder.SeedAsync(CancellationToken.None);
        await using var connection = await demo.OpenDatabaseAsync();
        Assert.Equal(7, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users"));
        Assert.Equal(6, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM appointments"));
        Assert.Equal(3, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM specialties"));

        // Both doctor accounts are linked to their doctor record, which has a week of slots (some for groups).
        var doctors = (await connection.QueryAsync<(string Email, string Name, long Slots, long GroupSlots)>("""
            SELECT u.email, d.name, COUNT(s.id), SUM(CASE WHEN s.capacity = 3 THEN 1 ELSE 0 END)
            FROM users u JOIN doctors d ON d.id = u.doctor_id JOIN slots s ON s.doctor_id = d.id
            GROUP BY u.email, d.name ORDER BY u.email
            """)).ToList();
        // Seven days from tomorrow always hold five weekdays: 5 × six 30-minute slots from 09:00 to 12:00.
        Assert.Equal([("doctor1@example.com", "Dr. Grey", 30L, 0L), ("doctor2@example.com", "Dr. House", 30L, 30L)], doctors);
        var firstSlot = await connection.ExecuteScalarAsync<DateTimeOffset>("SELECT MIN(start_time) FROM slots");
        Assert.True(firstSlot > demo.Clock.GetUtcNow(), "the demo slots are bookable: all in the future");
        Assert.Equal(9, TimeZoneInfo.ConvertTime(firstSlot, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).Hour);

        // The seeded appointments are lockable at once (the index loaded them).
        var token = System.Text.Json.JsonDocument.Parse(await (await client.PostAsync("/api/auth/login",
            System.Net.Http.Json.JsonContent.Create(new { email = "staff1@example.com", password = DemoData.Password }))).Content.ReadAsStringAsync())
            .RootElement.GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var first = await connection.ExecuteScalarAsync<Guid>("SELECT id FROM appointments ORDER BY start_time LIMIT 1");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/appointments/{first}/acquire-lock", null)).StatusCode);

        // A demo doctor signs in with their doctorId and manages their own slots.
        var doctor = System.Text.Json.JsonDocument.Parse(await (await client.PostAsync("/api/auth/login",
            System.Net.Http.Json.JsonContent.Create(new { email = "doctor1@example.com", password = DemoData.Password }))).Content.ReadAsStringAsync()).RootElement;
        var doctorId = doctor.GetProperty("user").GetProperty("doctorId").GetGuid();
        Assert.Equal(await connection.ExecuteScalarAsync<Guid>("SELECT id FROM doctors WHERE name = 'Dr. Grey'"), doctorId);
        client.DefaultRequestHeaders.Authorization = new("Bearer", doctor.GetProperty("accessToken").GetString());
        var slot = await connection.ExecuteScalarAsync<Guid>("SELECT id FROM slots WHERE doctor_id = @doctorId LIMIT 1", new { doctorId });
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"/api/slots/{slot}/availability",
            System.Net.Http.Json.JsonContent.Create(new { isAvailable = false }))).StatusCode);
    }
}
