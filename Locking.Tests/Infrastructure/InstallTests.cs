using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Locking.Tests.TestHost;

namespace Locking.Tests.Infrastructure;

/// <summary>
/// The executable as a clinic installs it: started from another directory, the first admin made
/// by the command line, refusals that an operator can read. Each test runs the real process.
/// </summary>
[Trait(Engines.Trait, Engines.SqliteOnly)]
public sealed class InstallTests : IDisposable
{
    private const string Key = "install-test-signing-key-0123456789-abcdefghij";
    private const string Password = "Correct-Horse-42";
    private readonly string directory = Directory.CreateTempSubdirectory("locking-install-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private Dictionary<string, string> Production(string database = "clinic.db") => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Locking"] = $"Data Source={database}",
        ["Auth__SigningKey"] = Key,
    };

    [Fact]
    public async Task AdminCreate_OnAFreshProductionDatabase_CreatesTheFirstAdmin_WhoSignsInToTheServer()
    {
        var created = await ServiceProcess.RunAsync(directory, Production(), Password + "\n",
            "admin", "create", "--email", "Root@Clinic.Example", "--name", "Root Admin");
        Assert.Equal(0, created.ExitCode);
        Assert.Equal("", created.Error);
        var line = Assert.Single(created.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Created admin root@clinic.example (", line, StringComparison.Ordinal);
        // The relative database path is the working directory's, and the command did not serve.
        Assert.True(File.Exists(Path.Combine(directory, "clinic.db")));

        var again = await ServiceProcess.RunAsync(directory, Production(), Password + "\n",
            "admin", "create", "--email", "root@clinic.example", "--name", "Root Admin");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("root@clinic.example is already an admin; nothing changed.", again.Out.Trim());

        await using var service = await ServiceProcess.StartAsync(directory, Production());
        using var http = new HttpClient { BaseAddress = service.Address };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = "root@clinic.example", password = Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var user = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("user");
        Assert.Equal("admin", user.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/scalar/")).StatusCode);
        // The browser app travels inside the single file: / and a deep link serve it, with nothing beside the binary.
        var page = await http.GetStringAsync("/appointments/01a2385d-9b41-7190-9791-615eea1ddbff");
        Assert.Contains("<div id=\"root\">", page, StringComparison.Ordinal);
        var script = System.Text.RegularExpressions.Regex.Match(page, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(script)).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ServiceProcess.Executable))!, "wwwroot")));
        // Production seeds nothing: the demo accounts do not exist.
        var demo = await http.PostAsJsonAsync("/api/auth/login", new { email = "admin@example.com", password = "Passw0rd!" });
        Assert.Equal(HttpStatusCode.Unauthorized, demo.StatusCode);
    }

    [Theory]
    [InlineData("short1!A")]
    [InlineData("alllowercaseletters")]
    [InlineData("")]
    [InlineData("Root-Clinic-Root-99")]
    public async Task AdminCreate_WithAWeakPassword_IsRefusedInOneLine_AndCreatesNobody(string password)
    {
        var refused = await ServiceProcess.RunAsync(directory, Production(), password + "\n",
            "admin", "create", "--email", "root@clinic.example", "--name", "Root Admin");
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("Refused: ", Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, "clinic.db")));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("admin", "create", "--email", "not-an-email", "--name", "X")]
    [InlineData("admin", "create", "--email", "a@b.example")]
    [InlineData("admin", "delete", "--email", "a@b.example", "--name", "X")]
    public async Task AdminCommand_WithBadArguments_PrintsUsage_AndExits1(params string[] args)
    {
        var result = await ServiceProcess.RunAsync(directory, Production(), Password + "\n", args);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Usage: Locking admin create", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Auth__SigningKey", "", "Auth:SigningKey is not set")]
    [InlineData("Auth__SigningKey", "too-short", "Auth:SigningKey is shorter than 32 bytes")]
    [InlineData("Locks__TtlSeconds", "five", "Locks:TtlSeconds is 'five'")]
    [InlineData("Seed__Demo", "maybe", "Seed:Demo is 'maybe'")]
    [InlineData("Cors__AllowedOrigins", "https://app.example.org/path", "Cors:AllowedOrigins has")]
    [InlineData("ConnectionStrings__Locking", "Data Source=/proc/no/such/dir/x.db", "cannot be opened or migrated")]
    public async Task ASettingTheServiceCannotStartWith_PrintsOneLine_AndExits1(string key, string value, string expected)
    {
        var environment = Production();
        environment[key] = value;
        await AssertRefusedInOneLineAsync(environment, expected);
    }

    /// <summary>The service started with <paramref name="environment"/> exits 1 with one "Refusing to start" line naming <paramref name="expected"/>, no stack trace.</summary>
    private async Task AssertRefusedInOneLineAsync(Dictionary<string, string> environment, string expected)
    {
        var result = await ServiceProcess.RunAsync(directory, environment, input: null);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Refusing to start: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Oracle", "", "Database:Provider is 'Oracle'; it must be Sqlite or Postgres")]
    [InlineData("Postgres", "", "ConnectionStrings:Postgres is empty")]
    [InlineData("Postgres", "Host=127.0.0.1;Port=1;Username=locking;Timeout=2", "cannot be opened or migrated")]
    public async Task ADatabaseTheServiceCannotUse_PrintsOneLine_AndExits1(string provider, string connection, string expected)
    {
        var environment = Production();
        environment["Database__Provider"] = provider;
        environment["ConnectionStrings__Postgres"] = connection;
        await AssertRefusedInOneLineAsync(environment, expected);
    }

    [Fact]
    public async Task StartedFromAnotherDirectory_ReadsTheSettingsBesideTheExecutable()
    {
        // appsettings.Development.json beside the executable turns the demo data on; the working directory has none.
        Assert.False(File.Exists(Path.Combine(directory, "appsettings.Development.json")));
        await using var service = await ServiceProcess.StartAsync(directory, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Locking"] = $"Data Source={Path.Combine(directory, "dev.db")}",
        });
        using var http = new HttpClient { BaseAddress = service.Address };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = "admin@example.com", password = "Passw0rd!" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var beside = Path.GetDirectoryName(Path.GetFullPath(ServiceProcess.Executable))!;
        Assert.Contains($"Content root path: {beside}{Path.DirectorySeparatorChar}", service.Output, StringComparison.Ordinal);
    }
}
