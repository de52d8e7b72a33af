using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Locking.Tests.TestHost;

/// <summary>
/// A loopback TCP proxy to a PostgreSQL server that, once told, lets the next COMMIT through and
/// then closes the client's connection instead of passing the server's answer back.
/// </summary>
public sealed class CuttingProxy : IAsyncDisposable
{
    private static readonly byte[] Commit = Encoding.ASCII.GetBytes("COMMIT");
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int serverPort;
    private readonly CancellationTokenSource stop = new();
    private volatile bool armed;
    private volatile bool commitSent;

    private CuttingProxy(int serverPort) => this.serverPort = serverPort;

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public static Task<CuttingProxy> StartAsync(int serverPort)
    {
        var proxy = new CuttingProxy(serverPort);
        proxy.listener.Start();
        _ = proxy.AcceptAsync();
        return Task.FromResult(proxy);
    }

    /// <summary>From now on, the first COMMIT the client sends is the last thing that passes.</summary>
    public void CutAfterCommit() => armed = true;

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, serverPort);
            _ = PumpAsync(client, server, toServer: true);
            _ = PumpAsync(server, client, toServer: false);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool toServer)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.GetStream().ReadAsync(buffer, stop.Token);
                if (read == 0)
                {
                    break;
                }
                if (!toServer && commitSent)
                {
                    break; // the server's answer to the COMMIT never arrives
                }
                if (toServer && armed && buffer.AsSpan(0, read).IndexOf(Commit) >= 0)
                {
                    commitSent = true; // before it is sent, so that no answer can slip back first
                }
                await to.GetStream().WriteAsync(buffer.AsMemory(0, read), stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // One side went away; the other follows.
        }
        from.Close();
        to.Close();
    }

    public ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
