using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace Locking.Infrastructure.Realtime;

/// <summary>
/// Real-time messages are posted here and sent by one background pump, in the order posted, so
/// a request never waits for the fan-out to its subscribers.
/// </summary>
internal sealed class HubOutbox
{
    private readonly Channel<Func<IHubClients, Task>> channel =
        Channel.CreateUnbounded<Func<IHubClients, Task>>(new UnboundedChannelOptions { SingleReader = true });

    public void Post(Func<IHubClients, Task> send) => channel.Writer.TryWrite(send);

    public ChannelReader<Func<IHubClients, Task>> Reader => channel.Reader;
}

/// <summary>Sends what is posted to <see cref="HubOutbox"/> through <typeparamref name="THub"/>'s connections.</summary>
internal sealed class HubOutboxPump<THub>(HubOutbox outbox, IHubContext<THub> hub, ILogger<HubOutbox> logger) : BackgroundService
    where THub : Hub
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var send in outbox.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await send(hub.Clients);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "A real-time message could not be sent");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}

/// <summary>Which hub connections each user has open; the disconnect grace and "everyone but the sender" need it.</summary>
internal sealed class HubConnections
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, string[]> byUser = new();

    /// <returns>True when this is the user's only connection.</returns>
    public bool Add(Guid userId, string connectionId) =>
        byUser.AddOrUpdate(userId, [connectionId], (_, ids) => [.. ids, connectionId]).Length == 1;

    /// <returns>True when the user has no connection left.</returns>
    public bool Remove(Guid userId, string connectionId)
    {
        var left = byUser.AddOrUpdate(userId, [], (_, ids) => ids.Where(id => id != connectionId).ToArray());
        if (left.Length == 0)
        {
            byUser.TryRemove(KeyValuePair.Create(userId, left));
            return true;
        }
        return false;
    }

    public IReadOnlyList<string> Of(Guid userId) => byUser.TryGetValue(userId, out var ids) ? ids : [];

    public bool IsConnected(Guid userId) => Of(userId).Count > 0;
}
