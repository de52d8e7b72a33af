namespace Locking.Infrastructure.Locks;

/// <summary>The <c>Locks:*</c> settings.</summary>
public sealed record LockSettings(TimeSpan Ttl, TimeSpan SweepInterval, TimeSpan DisconnectGrace, TimeSpan ControlRequestTimeout)
{
    public static LockSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Locks");
        return new(
            TimeSpan.FromSeconds(section.GetValue("TtlSeconds", 300)),
            TimeSpan.FromSeconds(section.GetValue("SweepIntervalSeconds", 1)),
            TimeSpan.FromSeconds(section.GetValue("DisconnectGraceSeconds", 30)),
            TimeSpan.FromSeconds(section.GetValue("ControlRequestTimeoutSeconds", 60)));
    }
}
