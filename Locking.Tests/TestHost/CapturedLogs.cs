using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Locking.Tests.TestHost;

/// <summary>One log event as the app wrote it: level, category, message template, properties and exception.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string Template, IReadOnlyDictionary<string, object?> Properties, Exception? Exception);

/// <summary>A logging provider that keeps every event it is given, for tests that assert on what was logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Capturing(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IReadOnlyList<KeyValuePair<string, object?>> values
                ? values.ToDictionary(v => v.Key, v => v.Value)
                : [];
            var template = properties.GetValueOrDefault("{OriginalFormat}") as string ?? formatter(state, exception);
            entries.Enqueue(new LogEntry(logLevel, category, template, properties, exception));
        }
    }
}
