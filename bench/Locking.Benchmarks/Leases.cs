using Locking.Features.Locks;

namespace Locking.Benchmarks;

/// <summary>A lease table wired as the service wires it, minus the database behind the fencing tokens.</summary>
internal static class Leases
{
    public static readonly LockSettings Settings =
        new(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    public static async Task<LeaseTable> NewTableAsync(TimeProvider? clock = null)
    {
        // The reservation write is what the service persists to SQLite; here it costs nothing,
        // so the numbers are the table's own.
        var tokens = new FencingTokens();
        tokens.Start(0, long.MaxValue / 2);
        return new LeaseTable(clock ?? TimeProvider.System, tokens, Settings);
    }
}
