using System.Globalization;

namespace Locking.Infrastructure.Hosting;

/// <summary>
/// A setting the service cannot start with. <c>Program</c> prints its message as one line and
/// exits with code 1, so an operator sees what to fix instead of a stack trace.
/// </summary>
public sealed class StartupRefusal(string message) : Exception(message);

/// <summary>Reads numbers and switches from configuration, refusing a value that is not one.</summary>
internal static class Settings
{
    public static int Number(this IConfiguration configuration, string key, int fallback, int min, int max)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new StartupRefusal($"Refusing to start: {key} is '{text}'; it must be a whole number from {min} to {max}.");
        }
        return value;
    }

    /// <summary><c>Locks:SweepIntervalSeconds</c>: how often every sweeper (leases, holds, request deadlines) runs.</summary>
    public static TimeSpan SweepInterval(this IConfiguration configuration) =>
        TimeSpan.FromSeconds(configuration.Number("Locks:SweepIntervalSeconds", 1, 1, 86_400));

    public static bool Switch(this IConfiguration configuration, string key, bool fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return bool.TryParse(text, out var value)
            ? value
            : throw new StartupRefusal($"Refusing to start: {key} is '{text}'; it must be true or false.");
    }
}
