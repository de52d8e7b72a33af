using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Locking.Tests.TestHost;

/// <summary>
/// The service's own executable, started as an operator would: from another working directory, with settings in the environment.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly TaskCompletionSource<string> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> output = [];

    private ServiceProcess(Process process) => this.process = process;

    /// <summary>
    /// The published single-file executable when the test command made one (<c>LOCKING_EXECUTABLE</c>),
    /// otherwise the apphost the build put beside the tests.
    /// </summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable("LOCKING_EXECUTABLE") is { Length: > 0 } published ? published : Path.Combine(AppContext.BaseDirectory, "Locking");

    public Uri? Address { get; private set; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    /// <summary>Runs a command to completion: its exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(string workingDirectory, IDictionary<string, string> environment,
        string? input, params string[] args)
    {
        using var process = Process.Start(Info(workingDirectory, environment, args))!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Wait);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'Locking {string.Join(' ', args)}' did not exit within {Wait.TotalSeconds} s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the server on a free loopback port and waits until it says it is listening.</summary>
    public static async Task<ServiceProcess> StartAsync(string workingDirectory, IDictionary<string, string> environment)
    {
        var port = FreePort();
        var settings = new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" };
        var service = new ServiceProcess(Process.Start(Info(workingDirectory, settings, []))!);
        service.process.OutputDataReceived += (_, e) => service.Received(e.Data);
        service.process.ErrorDataReceived += (_, e) => service.Received(e.Data);
        service.process.BeginOutputReadLine();
        service.process.BeginErrorReadLine();
        service.process.EnableRaisingEvents = true;
        service.process.Exited += (_, _) => service.listening.TrySetException(new InvalidOperationException("the service exited: " + service.Output));
        try
        {
            await service.listening.Task.WaitAsync(Wait);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
        service.Address = new Uri($"http://127.0.0.1:{port}");
        return service;
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything in flight.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.Add(line);
        }
        if (line.Contains("Now listening on", StringComparison.Ordinal))
        {
            listening.TrySetResult(line);
        }
    }

    private static ProcessStartInfo Info(string workingDirectory, IDictionary<string, string> environment, string[] args)
    {
        var info = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // Only what the test says: no inherited environment name or settings from the test run.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
            || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
