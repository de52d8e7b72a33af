using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;

namespace Locking.Tests.Infrastructure;

/// <summary>A received hub event: its name and its arguments.</summary>
public sealed record HubEvent(string Target, JsonElement[] Arguments)
{
    public JsonElement Payload => Arguments[0];
}

/// <summary>
/// A minimal SignalR client speaking the JSON hub protocol over the test server's WebSocket:
/// handshake, invocations with completions, and events that a test awaits by name.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly WebSocket socket;
    private readonly Lock gate = new();
    private readonly List<HubEvent> all = [];
    private readonly List<HubEvent> unclaimed = [];
    private readonly List<(string Target, Func<HubEvent, bool> Match, TaskCompletionSource<HubEvent> Done)> waiters = [];
    private readonly Dictionary<string, TaskCompletionSource<JsonElement>> invocations = [];
    private readonly TaskCompletionSource handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim sendGate = new(1, 1);
    private int nextInvocation;

    private HubClient(WebSocket socket)
    {
        this.socket = socket;
        _ = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Completes when the server closes the connection.</summary>
    public Task Closed => closed.Task;

    public static async Task<HubClient> ConnectAsync(TestServer server, string? token)
    {
        var query = token is null ? "" : "?access_token=" + Uri.EscapeDataString(token);
        var socket = await server.CreateWebSocketClient().ConnectAsync(new Uri($"ws://localhost/hubs/locking{query}"), CancellationToken.None);
        var client = new HubClient(socket);
        await client.SendRecordAsync("""{"protocol":"json","version":1}""");
        await client.handshake.Task.WaitAsync(DefaultWait);
        return client;
    }

    /// <summary>Invokes a hub method and waits for its completion; a hub error throws.</summary>
    public async Task<JsonElement> InvokeAsync(string method, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref nextInvocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var done = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            invocations[id] = done;
        }
        await SendRecordAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target = method, arguments }, Json.Options));
        return await done.Task.WaitAsync(DefaultWait);
    }

    /// <summary>The next not-yet-claimed event named <paramref name="target"/> matching <paramref name="match"/>.</summary>
    public Task<HubEvent> WaitForAsync(string target, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        Func<HubEvent, bool> matches = e => e.Target == target && (match is null || match(e.Payload));
        var done = new TaskCompletionSource<HubEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            var found = unclaimed.FirstOrDefault(matches);
            if (found is not null)
            {
                unclaimed.Remove(found);
                return Task.FromResult(found);
            }
            waiters.Add((target, matches, done));
        }
        return WithTimeout(done.Task, target, timeout ?? DefaultWait);
    }

    /// <summary>Every event received so far with that name, claimed or not.</summary>
    public IReadOnlyList<HubEvent> Received(string target)
    {
        lock (gate)
        {
            return all.Where(e => e.Target == target).ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                // Already closing.
            }
        }
        socket.Dispose();
    }

    private static async Task<HubEvent> WithTimeout(Task<HubEvent> task, string target, TimeSpan timeout)
    {
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no '{target}' event within {timeout.TotalSeconds} s");
        }
    }

    private async Task SendRecordAsync(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json + (char)RecordSeparator);
        await sendGate.WaitAsync();
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            sendGate.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var pending = new List<byte>();
        var buffer = new byte[16 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                pending.AddRange(buffer.AsSpan(0, result.Count));
                int end;
                while ((end = pending.IndexOf(RecordSeparator)) >= 0)
                {
                    var record = Encoding.UTF8.GetString(pending.GetRange(0, end).ToArray());
                    pending.RemoveRange(0, end + 1);
                    Dispatch(record);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The connection ended.
        }
        handshake.TrySetException(new InvalidOperationException("connection closed during the handshake"));
        closed.TrySetResult();
    }

    private void Dispatch(string record)
    {
        using var document = JsonDocument.Parse(record);
        var root = document.RootElement.Clone();
        if (!handshake.Task.IsCompleted)
        {
            if (root.TryGetProperty("error", out var error))
            {
                handshake.TrySetException(new InvalidOperationException(error.GetString()));
            }
            handshake.TrySetResult();
            return;
        }
        switch (root.GetProperty("type").GetInt32())
        {
            case 1:
                var message = new HubEvent(root.GetProperty("target").GetString()!, root.GetProperty("arguments").EnumerateArray().ToArray());
                lock (gate)
                {
                    all.Add(message);
                    var waiter = waiters.FirstOrDefault(w => w.Match(message));
                    if (waiter.Done is not null)
                    {
                        waiters.Remove(waiter);
                        waiter.Done.TrySetResult(message);
                    }
                    else
                    {
                        unclaimed.Add(message);
                    }
                }
                break;
            case 3:
                TaskCompletionSource<JsonElement>? done;
                var id = root.GetProperty("invocationId").GetString()!;
                lock (gate)
                {
                    invocations.Remove(id, out done);
                }
                if (root.TryGetProperty("error", out var failure))
                {
                    done?.TrySetException(new HubException(failure.GetString() ?? "hub error"));
                }
                else
                {
                    done?.TrySetResult(root.TryGetProperty("result", out var value) ? value : default);
                }
                break;
            case 7:
                closed.TrySetResult();
                break;
        }
    }
}

public sealed class HubException(string message) : Exception(message);
