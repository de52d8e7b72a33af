using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Locking.FanOut;

/// <summary>A lock event as one subscriber saw it: which kind, the lease's acquiredAt (acquired only), when it arrived.</summary>
internal readonly record struct Delivery(bool Acquired, long AcquiredAtTicks, long ReceivedAt);

/// <summary>
/// One hub connection speaking the SignalR JSON protocol over a raw WebSocket: handshake,
/// <c>subscribe(appointmentId)</c>, then every <c>lock-acquired</c>/<c>lock-released</c> is
/// time-stamped the moment its frame is read, before any parsing.
/// </summary>
internal sealed class Subscriber : IAsyncDisposable
{
    private const byte Separator = 0x1e;
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    private readonly ClientWebSocket socket = new();
    private readonly TaskCompletionSource handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Delivery> deliveries = new(256);
    private readonly Lock gate = new();
    private Task receiving = Task.CompletedTask;

    public int Received
    {
        get
        {
            lock (gate)
            {
                return deliveries.Count;
            }
        }
    }

    public List<Delivery> Deliveries
    {
        get
        {
            lock (gate)
            {
                return [.. deliveries];
            }
        }
    }

    public static async Task<Subscriber> ConnectAsync(Uri baseUrl, string token, string appointmentId, CancellationToken ct)
    {
        var subscriber = new Subscriber();
        var ws = new UriBuilder(baseUrl)
        {
            Scheme = baseUrl.Scheme == "https" ? "wss" : "ws",
            Path = "hubs/locking",
            Query = "access_token=" + Uri.EscapeDataString(token)
        }.Uri;
        await subscriber.socket.ConnectAsync(ws, ct);
        subscriber.receiving = Task.Run(() => subscriber.ReceiveLoopAsync(CancellationToken.None), CancellationToken.None);
        await subscriber.SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray(), ct);
        await subscriber.handshake.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var invoke = JsonSerializer.Serialize(new { type = 1, target = "subscribe", arguments = new[] { appointmentId }, invocationId = "1" });
        await subscriber.SendAsync(Encoding.UTF8.GetBytes(invoke + (char)Separator), ct);
        await subscriber.subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        return subscriber;
    }

    /// <summary>Keeps the connection inside the server's client timeout during a long run.</summary>
    public Task PingAsync(CancellationToken ct) => SendAsync(Ping, ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", quick.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            socket.Abort();
        }
        socket.Dispose();
        await receiving.ConfigureAwait(false);
    }

    private async Task SendAsync(byte[] record, CancellationToken ct) =>
        await socket.SendAsync(record, WebSocketMessageType.Text, endOfMessage: true, ct);

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var pending = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), ct);
                var at = Stopwatch.GetTimestamp();
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                pending.Write(buffer.AsSpan(0, result.Count));
                var consumed = 0;
                var data = pending.WrittenSpan;
                int end;
                while ((end = data[consumed..].IndexOf(Separator)) >= 0)
                {
                    Dispatch(data.Slice(consumed, end), at);
                    consumed += end + 1;
                }
                if (consumed > 0)
                {
                    var rest = data[consumed..].ToArray();
                    pending.Clear();
                    pending.Write(rest);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The connection ended.
        }
        handshake.TrySetException(new InvalidOperationException("connection closed during the handshake"));
        subscribed.TrySetException(new InvalidOperationException("connection closed before subscribe completed"));
    }

    private void Dispatch(ReadOnlySpan<byte> record, long at)
    {
        if (!handshake.Task.IsCompleted)
        {
            if (record.IndexOf("\"error\""u8) >= 0)
            {
                handshake.TrySetException(new InvalidOperationException(Encoding.UTF8.GetString(record)));
            }
            handshake.TrySetResult();
            return;
        }
        // Cheap filters first: most records on a busy appointment are lock-update and pings.
        var acquired = record.IndexOf("\"target\":\"lock-acquired\""u8) >= 0;
        if (acquired || record.IndexOf("\"target\":\"lock-released\""u8) >= 0)
        {
            long ticks = 0;
            if (acquired)
            {
                using var document = JsonDocument.Parse(record.ToArray());
                ticks = document.RootElement.GetProperty("arguments")[0].GetProperty("lock").GetProperty("acquiredAt")
                    .GetDateTimeOffset().UtcTicks;
            }
            lock (gate)
            {
                deliveries.Add(new Delivery(acquired, ticks, at));
            }
            return;
        }
        if (record.IndexOf("\"type\":3"u8) >= 0 && record.IndexOf("\"invocationId\":\"1\""u8) >= 0)
        {
            if (record.IndexOf("\"error\""u8) >= 0)
            {
                subscribed.TrySetException(new InvalidOperationException(Encoding.UTF8.GetString(record)));
            }
            subscribed.TrySetResult();
        }
    }
}
