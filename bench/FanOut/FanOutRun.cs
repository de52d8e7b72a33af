using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Locking.FanOut;

/// <summary>
/// <c>fanout</c>: connects <c>--clients</c> subscribers to one appointment, then one writer
/// alternately acquires and releases its lock <c>--changes</c> times, <c>--interval-ms</c> apart.
/// The writer stamps each change just before sending it; a subscriber's latency is its receipt
/// stamp minus that (one process, one monotonic clock). <c>lock-acquired</c> is matched to its
/// change by the lease's <c>acquiredAt</c>, <c>lock-released</c> by order.
/// </summary>
internal static class FanOutRun
{
    private sealed record Change(bool Acquire, long AcquiredAtTicks, long SentAt);

    public static async Task<int> RunAsync(Options options, CancellationToken ct)
    {
        var url = options.Url;
        var tokens = (await File.ReadAllLinesAsync(options.Text("tokens-file"), ct)).Where(l => l.Length > 0).ToArray();
        var appointmentId = options.Text("appointment");
        var clients = options.Number("clients", 1000);
        var changes = options.Number("changes", 100);
        var interval = TimeSpan.FromMilliseconds(options.Number("interval-ms", 50));
        var parallel = options.Number("connect-parallel", 32);

        var connectStarted = Stopwatch.GetTimestamp();
        var subscribers = new List<Subscriber>(clients);
        var failures = 0;
        using (var gate = new SemaphoreSlim(parallel))
        {
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    var subscriber = await Subscriber.ConnectAsync(url, tokens[i % tokens.Length], appointmentId, ct);
                    lock (subscribers)
                    {
                        subscribers.Add(subscriber);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    if (Interlocked.Increment(ref failures) <= 3)
                    {
                        Console.Error.WriteLine($"FanOut: connect failed: {e.GetType().Name}: {e.Message}");
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        var connectSeconds = Stopwatch.GetElapsedTime(connectStarted).TotalSeconds;
        Console.Error.WriteLine($"FanOut: {subscribers.Count} subscribed ({failures} failed) in {connectSeconds:F1} s");

        using var pinging = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pinger = PingAsync(subscribers, pinging.Token);
        try
        {
            var sent = await WriteAsync(url, options.Text("writer-token"), appointmentId, changes, interval, ct);
            await WaitForDeliveriesAsync(subscribers, sent.Count, TimeSpan.FromSeconds(options.Number("drain-seconds", 15)), ct);
            Report(subscribers, sent, clients, failures, connectSeconds);
        }
        finally
        {
            await pinging.CancelAsync();
            await pinger;
            await Task.WhenAll(subscribers.Select(s => s.DisposeAsync().AsTask()));
        }
        return subscribers.Count > 0 ? 0 : 1;
    }

    private static async Task<List<Change>> WriteAsync(Uri url, string token, string appointmentId, int changes, TimeSpan interval, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var sent = new List<Change>(changes);
        for (var i = 0; i < changes; i++)
        {
            var acquire = i % 2 == 0;
            var at = Stopwatch.GetTimestamp();
            using var response = acquire
                ? await http.PostAsync(new Uri($"api/appointments/{appointmentId}/acquire-lock", UriKind.Relative), null, ct)
                : await http.DeleteAsync(new Uri($"api/appointments/{appointmentId}/release-lock", UriKind.Relative), ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"writer: {(acquire ? "acquire" : "release")} answered {(int)response.StatusCode}");
            }
            long ticks = 0;
            if (acquire)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                ticks = body.RootElement.GetProperty("acquiredAt").GetDateTimeOffset().UtcTicks;
            }
            sent.Add(new Change(acquire, ticks, at));
            await Task.Delay(interval, ct);
        }
        return sent;
    }

    private static async Task WaitForDeliveriesAsync(List<Subscriber> subscribers, int expected, TimeSpan limit, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < limit && subscribers.Any(s => s.Received < expected))
        {
            await Task.Delay(100, ct);
        }
    }

    private static async Task PingAsync(List<Subscriber> subscribers, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), ct);
                foreach (var subscriber in subscribers)
                {
                    try
                    {
                        await subscriber.PingAsync(ct);
                    }
                    catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or ObjectDisposedException)
                    {
                        // That connection is gone; its missing deliveries are reported.
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Run over.
        }
    }

    private static void Report(List<Subscriber> subscribers, List<Change> sent, int clients, int failures, double connectSeconds)
    {
        var acquiredSentAt = sent.Where(c => c.Acquire).ToDictionary(c => c.AcquiredAtTicks, c => c.SentAt);
        var releases = sent.Where(c => !c.Acquire).Select(c => c.SentAt).ToArray();
        var latencies = new List<double>(subscribers.Count * sent.Count);
        var unmatched = 0;
        foreach (var subscriber in subscribers)
        {
            var released = 0;
            foreach (var delivery in subscriber.Deliveries)
            {
                long? sentAt = delivery.Acquired
                    ? acquiredSentAt.TryGetValue(delivery.AcquiredAtTicks, out var a) ? a : null
                    : released < releases.Length ? releases[released++] : null;
                if (sentAt is { } s)
                {
                    latencies.Add((delivery.ReceivedAt - s) * 1000.0 / Stopwatch.Frequency);
                }
                else
                {
                    unmatched++;
                }
            }
        }
        latencies.Sort();
        var expected = (long)subscribers.Count * sent.Count;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"RESULT clients={clients} connected={subscribers.Count} connect_failed={failures} connect_s={connectSeconds:F1} changes={sent.Count} " +
            $"deliveries={latencies.Count} expected={expected} missing={expected - latencies.Count} unmatched={unmatched} " +
            $"p50_ms={Percentile(latencies, 0.50):F1} p99_ms={Percentile(latencies, 0.99):F1} max_ms={(latencies.Count > 0 ? latencies[^1] : 0):F1}"));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
