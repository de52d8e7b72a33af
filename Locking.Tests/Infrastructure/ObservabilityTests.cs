using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Locking.Tests.Infrastructure;

public sealed class ObservabilityTests
{
    [Fact]
    public async Task BehindAProxy_ForwardedClientAddresses_AreHonoured()
    {
        // The login limit is per client IP: with forwarded headers on, X-Forwarded-For decides the partition.
        await using var app = LockingApp.With(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:Enabled"] = "true",
            ["RateLimits:Login:PermitLimit"] = "1",
            ["RateLimits:Login:WindowSeconds"] = "60",
        });
        var client = app.CreateClient();
        async Task<HttpStatusCode> LoginFrom(string ip)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
            {
                Content = JsonContent.Create(new { email = "nobody@test.local", password = "whatever1" }),
            };
            request.Headers.Add("X-Forwarded-For", ip);
            return (await client.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFrom("203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginFrom("203.0.113.7"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFrom("198.51.100.9"));
    }

    [Fact]
    public async Task EveryRequest_WritesOneStructuredLogLine()
    {
        var sink = new CapturingProvider();
        await using var app = new LockingApp();
        var logged = app.WithWebHostBuilder(b => b
            .UseSetting("Serilog:MinimumLevel", "Information")
            .UseSetting("Serilog:MinimumLevel:Default", "Information")
            .ConfigureLogging(l => l.AddProvider(sink)));
        var staff = await app.ClientFor(Role.Staff);
        var client = logged.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", staff.Token);

        var response = await client.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var line = Assert.Single(sink.Entries, e => e.Category == "Serilog.AspNetCore.RequestLoggingMiddleware"
            && Equals(e.Properties.GetValueOrDefault("Route"), "/api/auth/me"));
        Assert.Equal("GET", line.Properties["RequestMethod"]);
        Assert.Equal(200, line.Properties["StatusCode"]);
        Assert.Equal(staff.Id.ToString(), line.Properties["UserId"]);
        Assert.IsType<double>(line.Properties["Elapsed"]);
        Assert.False(string.IsNullOrEmpty(line.Properties["TraceId"] as string));
        Assert.Contains("{RequestMethod} {Route} responded {StatusCode}", line.Template, StringComparison.Ordinal);
    }

    private sealed record Entry(string Category, string Template, Dictionary<string, object?> Properties);

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentBag<Entry> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentBag<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
                {
                    var properties = values.ToDictionary(v => v.Key, v => v.Value);
                    entries.Add(new Entry(category, properties.GetValueOrDefault("{OriginalFormat}") as string ?? "", properties));
                }
            }
        }
    }
}
