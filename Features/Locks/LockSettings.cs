using Locking.Infrastructure.Hosting;

namespace Locking.Features.Locks;

/// <summary>The <c>Locks:*</c> settings.</summary>
public sealed record LockSettings(TimeSpan Ttl, TimeSpan SweepInterval, TimeSpan DisconnectGrace, TimeSpan ControlRequestTimeout)
{
    public static LockSettings From(IConfiguration configuration)
    {
        const int Day = 86_400;
        return new(
            TimeSpan.FromSeconds(configuration.Number("Locks:TtlSeconds", 300, 1, Day)),
            configuration.SweepInterval(),
            TimeSpan.FromSeconds(configuration.Number("Locks:DisconnectGraceSeconds", 30, 0, Day)),
            TimeSpan.FromSeconds(configuration.Number("Locks:ControlRequestTimeoutSeconds", 60, 1, Day)));
    }
}
