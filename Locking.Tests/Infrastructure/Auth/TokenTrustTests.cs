using System.Net;
using System.Text;
using Locking.Features.Users.CreateAdmin;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Locking.Tests.Infrastructure.Auth;

/// <summary>A correct signature is not enough: the token must name a current user, in that user's role, and expire.</summary>
public sealed class TokenTrustTests(LockingApp app) : IClassFixture<LockingApp>
{
    private static readonly string[] AdminRoutes = ["/api/users", "/api/bookings", "/api/auth/me"];

    /// <summary>A token signed with the service's key, carrying exactly these claims.</summary>
    private HttpClient ClientWith(IDictionary<string, object> claims, bool expires = true)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Issuer = "locking",
            Audience = "locking",
            IssuedAt = now,
            NotBefore = now,
            Expires = expires ? now.AddMinutes(30) : null,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(LockingApp.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>What Program gives the admin command, pointed at this app's database.</summary>
    private WebApplicationBuilder CommandBuilder(string environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        foreach (var (key, value) in app.DatabaseSettings)
        {
            builder.Configuration[key] = value;
        }
        return builder;
    }

    private static async Task AssertRefusedEverywhereAsync(HttpClient client)
    {
        foreach (var route in AdminRoutes)
        {
            await (await client.GetAsync(route)).AssertProblemAsync(401, "unauthorized");
        }
    }

    [Fact]
    public async Task ATokenFromAnotherDeploymentSharingTheKey_IsRefused_OverHttpAndTheHub()
    {
        // Another deployment, same signing key: its admin does not exist here.
        await using var elsewhere = new LockingApp();
        var foreignAdmin = await elsewhere.ClientFor(Role.Admin);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", foreignAdmin.Token);

        await AssertRefusedEverywhereAsync(client);
        await Assert.ThrowsAnyAsync<Exception>(() => app.ConnectHubAsync(foreignAdmin.Token));
        // The same token still works where its user lives.
        Assert.Equal(HttpStatusCode.OK, (await foreignAdmin.Client.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task ATokenClaimingARoleItsUserDoesNotHave_IsRefused()
    {
        var staff = await app.ClientFor(Role.Staff);
        var forged = ClientWith(new Dictionary<string, object> { ["sub"] = staff.Id.ToString(), ["name"] = staff.Name, ["role"] = "admin" });
        await AssertRefusedEverywhereAsync(forged);
        // The honest token of the same user keeps working, within its role.
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task ATokenListingSeveralRoles_IsRefused_EvenWhenOneIsTheUsers()
    {
        var staff = await app.ClientFor(Role.Staff);
        var forged = ClientWith(new Dictionary<string, object> { ["sub"] = staff.Id.ToString(), ["name"] = staff.Name, ["role"] = new[] { "staff", "admin" } });
        await AssertRefusedEverywhereAsync(forged);
    }

    [Fact]
    public async Task ATokenWithoutExp_IsRefused()
    {
        var admin = await app.ClientFor(Role.Admin);
        var claims = new Dictionary<string, object> { ["sub"] = admin.Id.ToString(), ["name"] = admin.Name, ["role"] = "admin" };
        await AssertRefusedEverywhereAsync(ClientWith(claims, expires: false));
        // The same claims with an expiry pass: only the missing exp was refused.
        Assert.Equal(HttpStatusCode.OK, (await ClientWith(claims).GetAsync("/api/users")).StatusCode);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("")]
    [InlineData(null)]
    public async Task ATokenWhoseSubjectIsMissingOrNotAGuid_Is401_Never500(string? subject)
    {
        var claims = new Dictionary<string, object> { ["name"] = "Nobody", ["role"] = "admin" };
        if (subject is not null)
        {
            claims["sub"] = subject;
        }
        await AssertRefusedEverywhereAsync(ClientWith(claims));
    }

    [Fact]
    public async Task AfterARoleChange_TheOldTokenIsRefusedOnceTheCachedUserIsStale_AndANewSignInWorks()
    {
        var staff = await app.ClientFor(Role.Staff);
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync("/api/auth/me")).StatusCode);

        var builder = CommandBuilder("Testing");
        using var output = new StringWriter();
        var exit = await AdminCommand.RunAsync(builder, ["admin", "create", "--email", staff.Email, "--name", staff.Name],
            new StringReader("Promoted-Admin-2026\n"), output, TextWriter.Null);
        Assert.Equal(0, exit);
        Assert.Equal($"{staff.Email} is now an admin; their password is unchanged.", output.ToString().Trim());

        app.Clock.Advance(TokenSubjects.Fresh + TimeSpan.FromSeconds(1));
        await (await staff.Client.GetAsync("/api/auth/me")).AssertProblemAsync(401, "unauthorized");
        var user = await app.Services.GetRequiredService<UserAccounts>().FindAsync(staff.Id, CancellationToken.None);
        Assert.Equal(Role.Admin, user!.Role);
        var again = app.ClientFor(user);
        Assert.Equal(HttpStatusCode.OK, (await again.Client.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task AdminCommand_OnAnExistingDatabase_CreatesAnAdminWhoCanSignIn()
    {
        // Development validates the whole container at build: the command must still build there.
        var builder = CommandBuilder("Development");
        var email = $"first-admin-{Guid.NewGuid():N}@test.local";
        using var output = new StringWriter();
        var exit = await AdminCommand.RunAsync(builder, ["admin", "create", "--email", email, "--name", "First Admin"],
            new StringReader("Correct-Horse-Battery-9\n"), output, TextWriter.Null);
        Assert.Equal(0, exit);
        Assert.StartsWith($"Created admin {email} (", output.ToString(), StringComparison.Ordinal);

        var login = await app.CreateClient().PostAsync("/api/auth/login", new StringContent(
            $$"""{"email":"{{email}}","password":"Correct-Horse-Battery-9"}""", Encoding.UTF8, "application/json"));
        var token = await login.ReadAsync<TokenResponse>();
        Assert.Equal(Role.Admin, token.User.Role);
    }
}
