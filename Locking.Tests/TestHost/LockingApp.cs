using System.Net.Http.Headers;
using Locking.Infrastructure.Auth;
using Locking.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Locking.Tests.TestHost;

/// <summary>A signed-in test user: their identity and an HttpClient that sends their token.</summary>
public sealed record TestUser(Guid Id, string Email, string Name, Role Role, string Token, HttpClient Client, Guid? DoctorId = null);

/// <summary>
/// The whole service over an in-memory test server, with its own temporary SQLite file (or, when
/// the suite runs on PostgreSQL, its own database on the private test server) and a clock the
/// test moves. Give each test its own ids; never reset shared state.
/// </summary>
public class LockingApp : WebApplicationFactory<Program>
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";
    private readonly Dictionary<string, string?> settings;
    // The app's own database, unless the overrides name one (which the test then owns).
    private readonly OwnDatabase? database;
    private int userCounter;

    public LockingApp() : this(null) { }

    /// <summary>An app with some settings overridden (xUnit fixtures need the one public constructor above).</summary>
    protected LockingApp(IDictionary<string, string?>? overrides)
    {
        settings = new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = SigningKey,
            ["Seed:Demo"] = "false",
            ["RateLimits:Login:PermitLimit"] = "0",
            ["RateLimits:AcquireLock:PermitLimit"] = "0",
            // WebApplicationFactory exposes the parent key as "", which Serilog would try to parse.
            ["Serilog:MinimumLevel"] = "Warning",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        if (!OwnDatabase.Keys.Any(k => overrides?.ContainsKey(k) == true))
        {
            database = new OwnDatabase();
            foreach (var (key, value) in database.Settings)
            {
                settings[key] = value;
            }
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        DatabaseSettings = settings.Where(s => OwnDatabase.Keys.Contains(s.Key)).ToDictionary();
    }

    /// <summary>The settings that point a service at this app's database, whichever engine it is on.</summary>
    public IReadOnlyDictionary<string, string?> DatabaseSettings { get; }

    /// <summary>
    /// What the app logged. Where Serilog filters before the providers, only events from
    /// <c>Serilog:MinimumLevel</c> (Warning here) up arrive: a test asserting on Information lowers it.
    /// </summary>
    public CapturedLogs Logs { get; } = new();
    /// <summary>
    /// The app's only clock, starting at the real now (FakeTimeProvider would start in 2000) to the
    /// whole millisecond (PostgreSQL keeps microseconds); timers fire as it advances.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UnixEpoch.AddMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
    public string Environment { get; protected init; } = "Testing";
    /// <summary>Answers no route documents; checked when the app is disposed.</summary>
    public StatusAudit Statuses { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter>(Statuses);
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // Full-strength hashing costs ~100 ms a password; tests create hundreds of users.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        });
    }

    public static LockingApp With(IDictionary<string, string?> overrides, string environment = "Testing") =>
        new(overrides) { Environment = environment };

    /// <summary>A new user with <paramref name="role"/>, signed in.</summary>
    public async Task<TestUser> ClientFor(Role role, Guid? doctorId = null)
    {
        var n = Interlocked.Increment(ref userCounter);
        var email = $"{role.ToString().ToLowerInvariant()}{n}-{Guid.NewGuid():N}@test.local";
        var users = Services.GetRequiredService<UserAccounts>();
        var user = await users.CreateAsync(email, "Passw0rd!", $"{role} {n}", role, doctorId, CancellationToken.None)
            ?? throw new InvalidOperationException("user not created");
        return ClientFor(user);
    }

    /// <summary>A client signed in as an existing user.</summary>
    public TestUser ClientFor(UserView user)
    {
        var token = Services.GetRequiredService<Tokens>().Issue(user).AccessToken;
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new TestUser(user.Id, user.Email, user.Name, user.Role, token, client, user.DoctorId);
    }

    /// <summary>A connection to the database the app runs on, whichever provider that is (the app is started first: migrated, type handlers registered).</summary>
    public async Task<System.Data.Common.DbConnection> OpenDatabaseAsync() =>
        await Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);

    public async Task<HubClient> ConnectHubAsync(TestUser user) =>
        await HubClient.ConnectAsync(Server, user.Token);

    public Task<HubClient> ConnectHubAsync(string? token) => HubClient.ConnectAsync(Server, token);

    /// <summary>A hub connection of <paramref name="user"/> subscribed to one appointment's lock events.</summary>
    public async Task<HubClient> WatchAsync(TestUser user, Guid appointmentId)
    {
        var hub = await ConnectHubAsync(user);
        await hub.InvokeAsync("subscribe", appointmentId);
        return hub;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        database?.Dispose();
        if (disposing && Statuses.Undocumented.Count > 0)
        {
            throw new InvalidOperationException("Statuses the OpenAPI document does not list:" + System.Environment.NewLine
                + string.Join(System.Environment.NewLine, Statuses.Undocumented));
        }
    }
}

public static class HttpExtensions
{
    /// <summary>Reads a problem body and checks it is RFC 9457 with the expected code.</summary>
    public static async Task<System.Text.Json.JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        return problem;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"expected success, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, Json.Options)!;
    }
}

public static class Json
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase) },
    };
}
