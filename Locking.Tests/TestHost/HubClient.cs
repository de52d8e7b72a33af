using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Locking.Tests.TestHost;

/// <summary>A received hub event: its name and its arguments.</summary>
public sealed record HubEvent(string Target, JsonElement[] Arguments)
{
    public JsonElement Payload => Arguments[0];
}

/// <summary>
/// The real SignalR client (<see cref="HubConnection"/>, JSON protocol) over the test server's WebSocket,
/// the token in the <c>access_token</c> query parameter as browsers send it. Every server→client event
/// of API.md is recorded, so a test awaits the next one by name or looks at what arrived.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    /// <summary>Every server→client event that API.md lists.</summary>
    public static readonly IReadOnlySet<string> Events = new HashSet<string>(StringComparer.Ordinal)
    {
        "init-appointments", "update-appointments", "lock-update", "lock-acquired", "lock-released", "admin-takeover",
        "cursor-update", "presence-update", "request-control", "force-release-lock-request", "request-control-approved",
        "request-control-rejected", "force-release-lock-approved", "slot-added", "slot-removed", "slot-availability-changed",
        "slot-locked", "slot-unlocked", "new-appointment", "appointment-confirmed", "appointment-cancelled",
        "appointment-status-changed",
    };

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly HubConnection connection;
    private readonly CountingProtocol protocol;
    private readonly Lock gate = new();
    private readonly List<HubEvent> all = [];
    private readonly List<HubEvent> unclaimed = [];
    private readonly List<(Func<HubEvent, bool> Match, TaskCompletionSource<HubEvent> Done)> waiters = [];
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long handled;
    private TaskCompletionSource? progress;

    private HubClient(HubConnection connection, CountingProtocol protocol)
    {
        this.connection = connection;
        this.protocol = protocol;
        foreach (var name in Events)
        {
            connection.On<JsonElement>(name, payload => Record(new HubEvent(name, [payload])));
        }
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
    }

    /// <summary>Completes when the connection ends.</summary>
    public Task Closed => closed.Task;

    /// <summary>Connects and completes the handshake; a refused connection (no or bad token) throws.</summary>
    public static async Task<HubClient> ConnectAsync(TestServer server, string? token)
    {
        var query = token is null ? "" : "?access_token=" + Uri.EscapeDataString(token);
        var protocol = new CountingProtocol(new JsonHubProtocol(Options.Create(new JsonHubProtocolOptions { PayloadSerializerOptions = Json.Options })));
        var builder = new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, "hubs/locking" + query), HttpTransportType.WebSockets, o =>
        {
            o.SkipNegotiation = true;
            o.WebSocketFactory = async (context, ct) => await server.CreateWebSocketClient().ConnectAsync(context.Uri, ct);
        });
        builder.Services.AddSingleton<IHubProtocol>(protocol);
        var client = new HubClient(builder.Build(), protocol);
        try
        {
            using var timeout = new CancellationTokenSource(DefaultWait);
            await client.connection.StartAsync(timeout.Token);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Invokes a hub method and returns its result (<c>default</c> for a void method); a hub error throws
    /// <see cref="Microsoft.AspNetCore.SignalR.HubException"/>. Events the server sent before the
    /// completion have reached <see cref="Received"/> when this returns.
    /// </summary>
    public async Task<JsonElement> InvokeAsync(string method, params object?[] arguments)
    {
        using var timeout = new CancellationTokenSource(DefaultWait);
        var result = await connection.InvokeCoreAsync<object?>(method, arguments, timeout.Token);
        // The client hands events to their handlers on a loop of its own, so a completion can overtake
        // the events sent before it: wait until every event parsed so far has been recorded.
        await RecordedAsync(protocol.Invocations, timeout.Token);
        return result is JsonElement json ? json : default;
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
            waiters.Add((matches, done));
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

    public ValueTask DisposeAsync() => connection.DisposeAsync();

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

    private void Record(HubEvent message)
    {
        TaskCompletionSource? moved;
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
            handled++;
            (moved, progress) = (progress, null);
        }
        moved?.TrySetResult();
    }

    private async Task RecordedAsync(long count, CancellationToken ct)
    {
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (handled >= count)
                {
                    return;
                }
                next = (progress ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
            await next.WaitAsync(ct);
        }
    }

    /// <summary>The JSON protocol, counting the events it parses for <see cref="HubClient"/>'s handlers, in arrival order.</summary>
    private sealed class CountingProtocol(IHubProtocol inner) : IHubProtocol
    {
        private long invocations;

        public long Invocations => Interlocked.Read(ref invocations);

        public string Name => inner.Name;

        public int Version => inner.Version;

        public TransferFormat TransferFormat => inner.TransferFormat;

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
        {
            if (!inner.TryParseMessage(ref input, binder, out message))
            {
                return false;
            }
            if (message is InvocationMessage { Target: var target } && Events.Contains(target))
            {
                Interlocked.Increment(ref invocations);
            }
            return true;
        }

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

        public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
    }
}
