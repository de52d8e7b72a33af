using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Npgsql;

namespace Locking.Tests.TestHost;

/// <summary>
/// One private PostgreSQL cluster for the whole test run: Debian's server binaries, a data
/// directory under the run's temp folder, a free loopback port, no fsync. Every test app gets a
/// database of its own. Started on first use, stopped by its PID when the test process exits.
/// A machine without PostgreSQL fails here, loudly: the test command installs it.
/// </summary>
public sealed class PostgresServer
{
    private const int SigInt = 2;
    private static readonly Lazy<PostgresServer> shared = new(Start);
    private readonly Process process;
    private readonly string directory;

    private PostgresServer(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    /// <summary>Set by the test command to run the suite on PostgreSQL instead of SQLite.</summary>
    public static bool InUse => string.Equals(Environment.GetEnvironmentVariable("LOCKING_TEST_DATABASE"), "Postgres", StringComparison.OrdinalIgnoreCase);

    public static PostgresServer Shared => shared.Value;

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=locking;Database={database};Maximum Pool Size=50;Include Error Detail=true";

    /// <summary>A new empty database; its connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"t_{Guid.NewGuid():N}";
        Run($"CREATE DATABASE {name}");
        return ConnectionString(name);
    }

    /// <summary>Drops a test app's database, ending any connection its pool left open.</summary>
    public void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        Run($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private void Run(string statement)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(statement, connection);
        command.ExecuteNonQuery();
    }

    private static PostgresServer Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "postgres")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("LOCKING_TEST_DATABASE=Postgres but no PostgreSQL server is installed (/usr/lib/postgresql/*/bin/postgres); ./test.sh installs Debian's postgresql.");
        }
        var root = Environment.GetEnvironmentVariable("LOCKING_TEST_RUN") is { Length: > 0 } run ? run : Path.Combine(Path.GetTempPath(), "locking-tests");
        var directory = Path.Combine(root, $"pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // The server refuses to run as root; it runs as Debian's postgres user, in a directory it owns.
            Execute("chown", "postgres:postgres", directory);
        }
        var data = Path.Combine(directory, "data");
        Execute(Server(bin, "initdb", asRoot), Arguments(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-U", "locking", "-A", "trust", "-E", "UTF8", "--no-sync"));

        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var started = TryStart(bin, asRoot, data, directory, port, out var log);
            if (started is not null)
            {
                return new PostgresServer(started, directory, port);
            }
            if (attempt == 3)
            {
                throw new InvalidOperationException("The test PostgreSQL server did not start:" + Environment.NewLine + log);
            }
        }
    }

    private static Process? TryStart(string bin, bool asRoot, string data, string directory, int port, out string log)
    {
        var info = Info(Server(bin, "postgres", asRoot), Arguments(asRoot, Path.Combine(bin, "postgres"),
            "-D", data, "-p", port.ToString(), "-k", directory, "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=500", "-c", "log_min_messages=warning", "-c", "log_min_error_statement=panic"));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            if (lines.Count < 200)
            {
                lines.Enqueue(e.Data);
            }
            if (e.Data.Contains("ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) => ready.TrySetCanceled();
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            ready.Task.Wait(TimeSpan.FromSeconds(60));
        }
        catch (AggregateException)
        {
            // Exited before it was ready (a port taken between choosing and binding): the log says why.
        }
        log = string.Join(Environment.NewLine, lines);
        if (ready.Task.IsCompletedSuccessfully)
        {
            return process;
        }
        if (!process.HasExited)
        {
            process.Kill();
        }
        return null;
    }

    private void Stop()
    {
        if (!process.HasExited)
        {
            // SIGINT is PostgreSQL's fast shutdown: open sessions are ended, nothing is waited for.
            _ = kill(process.Id, SigInt);
            if (!process.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                process.Kill();
            }
        }
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // The test command removes the whole run folder afterwards.
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private static string Server(string bin, string program, bool asRoot) => asRoot ? "setpriv" : Path.Combine(bin, program);

    /// <summary>As root, <c>setpriv</c> becomes postgres and execs the program, so the PID is the server's own.</summary>
    private static string[] Arguments(bool asRoot, string program, params string[] arguments) =>
        asRoot ? ["--reuid=postgres", "--regid=postgres", "--init-groups", program, .. arguments] : arguments;

    private static ProcessStartInfo Info(string fileName, string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }

    private static void Execute(string fileName, params string[] arguments)
    {
        using var process = Process.Start(Info(fileName, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited {process.ExitCode}:{Environment.NewLine}{output.Result}{error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
