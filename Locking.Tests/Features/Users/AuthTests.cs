using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Users;

public sealed class AuthTests(LockingApp app) : IClassFixture<LockingApp>
{
    private static string NewEmail() => $"user-{Guid.NewGuid():N}@test.local";

    [Fact]
    public async Task Register_Login_Me_RoundTrip()
    {
        var anonymous = app.CreateClient();
        var email = NewEmail();

        var registered = await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = "Secret123!", name = "Rita" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var user = await registered.ReadAsync<UserView>();
        Assert.Equal(Role.Patient, user.Role);
        Assert.Equal($"/api/users/{user.Id}", registered.Headers.Location?.OriginalString);

        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = email.ToUpperInvariant(), password = "Secret123!" });
        var body = await login.Content.ReadAsStringAsync();
        var token = JsonDocument.Parse(body).RootElement;
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.Equal(3600, token.GetProperty("expiresIn").GetInt32());
        Assert.Equal(user.Id, token.GetProperty("user").GetProperty("id").GetGuid());
        Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Secret123!", body, StringComparison.Ordinal);

        var me = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        me.Headers.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        var meResponse = await anonymous.SendAsync(me);
        var meBody = await meResponse.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, meResponse.StatusCode);
        var meJson = JsonDocument.Parse(meBody).RootElement;
        Assert.Equal(email, meJson.GetProperty("email").GetString());
        Assert.Equal("Rita", meJson.GetProperty("name").GetString());
        Assert.Equal("patient", meJson.GetProperty("role").GetString());
        Assert.DoesNotContain("hash", meBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Register_CannotChooseARole()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/register",
            new { email = NewEmail(), password = "Secret123!", name = "Mallory", role = "admin" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Role.Patient, (await response.ReadAsync<UserView>()).Role);
    }

    [Fact]
    public async Task Login_WithWrongPassword_Returns401Unauthorized()
    {
        var email = NewEmail();
        var client = app.CreateClient();
        await client.PostAsJsonAsync("/api/auth/register", new { email, password = "Secret123!", name = "Rita" });

        var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "nope-nope" });
        await wrong.AssertProblemAsync(401, "unauthorized");
        var unknown = await client.PostAsJsonAsync("/api/auth/login", new { email = NewEmail(), password = "Secret123!" });
        await unknown.AssertProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task Register_WithExistingEmail_Returns409EmailTaken_AndKeepsTheFirstAccount()
    {
        var email = NewEmail();
        var client = app.CreateClient();
        var first = await client.PostAsJsonAsync("/api/auth/register", new { email, password = "Secret123!", name = "First" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var again = await client.PostAsJsonAsync("/api/auth/register", new { email = email.ToUpperInvariant(), password = "Other123!", name = "Second" });
        await again.AssertProblemAsync(409, "email_taken");

        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Secret123!" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Register_ConcurrentSameEmail_CreatesExactlyOne()
    {
        var email = NewEmail();
        var client = app.CreateClient();
        var responses = await Race.RunAsync(10, i =>
            client.PostAsJsonAsync("/api/auth/register", new { email, password = "Secret123!", name = $"N{i}" }));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Register_WithInvalidFields_Returns400WithCamelCaseErrors()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = "not-an-email", password = "short" });
        var problem = await response.AssertProblemAsync(400, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
        Assert.True(errors.TryGetProperty("name", out _));
    }

    [Fact]
    public async Task PatientCallingAdminRoute_Returns403Forbidden()
    {
        var patient = await app.ClientFor(Role.Patient);
        await (await patient.Client.GetAsync("/api/users")).AssertProblemAsync(403, "forbidden");
        await (await patient.Client.PostAsJsonAsync("/api/users", new { email = NewEmail(), password = "Secret123!", name = "X", role = "admin" }))
            .AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task Anonymous_Returns401Unauthorized()
    {
        var anonymous = app.CreateClient();
        await (await anonymous.GetAsync("/api/auth/me")).AssertProblemAsync(401, "unauthorized");
        await (await anonymous.GetAsync("/api/users")).AssertProblemAsync(401, "unauthorized");

        var forged = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        forged.Headers.Authorization = new("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        await (await anonymous.SendAsync(forged)).AssertProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task ExpiredToken_Returns401()
    {
        await using var own = new LockingApp();
        var staff = await own.ClientFor(Role.Staff);
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync("/api/auth/me")).StatusCode);

        own.Clock.Advance(TimeSpan.FromMinutes(61));
        await (await staff.Client.GetAsync("/api/auth/me")).AssertProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task Admin_CreatesAndListsUsers_WithoutPasswordHashes()
    {
        var admin = await app.ClientFor(Role.Admin);
        var email = NewEmail();
        var created = await admin.Client.PostAsJsonAsync("/api/users", new { email, password = "Secret123!", name = "Stan", role = "staff" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await created.ReadAsync<UserView>();
        Assert.Equal(Role.Staff, user.Role);

        var list = await admin.Client.GetAsync("/api/users");
        var body = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(email, body, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", body, StringComparison.Ordinal); // PasswordHasher v3 prefix

        var one = await admin.Client.GetAsync($"/api/users/{user.Id}");
        Assert.Equal(email, (await one.ReadAsync<UserView>()).Email);
    }

    [Fact]
    public async Task CreateUser_WithUnknownRole_Returns400()
    {
        var admin = await app.ClientFor(Role.Admin);
        var response = await admin.Client.PostAsJsonAsync("/api/users", new { email = NewEmail(), password = "Secret123!", name = "X", role = "superuser" });
        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task Login_IsRateLimitedPerClient_With429AndRetryAfter()
    {
        await using var own = LockingApp.With(new Dictionary<string, string?>
        {
            ["RateLimits:Login:PermitLimit"] = "3",
            ["RateLimits:Login:WindowSeconds"] = "60",
        });
        var client = own.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var allowed = await client.PostAsJsonAsync("/api/auth/login", new { email = NewEmail(), password = "whatever1" });
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }
        var limited = await client.PostAsJsonAsync("/api/auth/login", new { email = NewEmail(), password = "whatever1" });
        await limited.AssertProblemAsync(429, "rate_limited");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}
