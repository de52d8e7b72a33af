using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Locking.FanOut;

/// <summary>
/// Seeding for the held-leases measurement, through the public API and in parallel:
/// <c>create-appointments</c> writes the new ids to <c>--out</c>; <c>acquire-all</c> takes a lease on each.
/// Both stop early at <c>--max-seconds</c> and say how far they got.
/// </summary>
internal static class BulkSeed
{
    public static async Task<int> CreateAppointmentsAsync(Options options, CancellationToken ct)
    {
        var count = options.Number("count", 100_000);
        var ids = new string[count];
        var start = new DateTimeOffset(2035, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var (done, failed, seconds) = await RunAsync(options, count, async (http, i, token) =>
        {
            var at = start.AddMinutes(30.0 * i);
            using var response = await http.PostAsJsonAsync(new Uri("api/appointments", UriKind.Relative), new
            {
                title = $"Load {i}",
                patientName = "Load Patient",
                dateOfBirth = "1980-01-01",
                gender = "other",
                startTime = at,
                endTime = at.AddMinutes(30),
            }, token);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return false;
            }
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(token));
            ids[i] = body.RootElement.GetProperty("id").GetString()!;
            return true;
        }, ct);
        await File.WriteAllLinesAsync(options.Text("out"), ids.Where(id => id is not null), ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT created={done} failed={failed} seconds={seconds:F1}"));
        return 0;
    }

    public static async Task<int> AcquireAllAsync(Options options, CancellationToken ct)
    {
        var ids = (await File.ReadAllLinesAsync(options.Text("ids"), ct)).Where(l => l.Length > 0).ToArray();
        var (done, failed, seconds) = await RunAsync(options, ids.Length, async (http, i, token) =>
        {
            using var response = await http.PostAsync(new Uri($"api/appointments/{ids[i]}/acquire-lock", UriKind.Relative), null, token);
            return response.StatusCode == HttpStatusCode.OK;
        }, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT granted={done} failed={failed} seconds={seconds:F1}"));
        return 0;
    }

    /// <summary>Runs <paramref name="work"/> for indexes 0..count-1 on <c>--concurrency</c> workers until done or out of time.</summary>
    private static async Task<(int Done, int Failed, double Seconds)> RunAsync(
        Options options, int count, Func<HttpClient, int, CancellationToken, Task<bool>> work, CancellationToken ct)
    {
        var concurrency = options.Number("concurrency", 16);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency };
        using var http = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Text("token"));
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(TimeSpan.FromSeconds(options.Number("budget-seconds", 120)));
        var next = -1;
        var done = 0;
        var failed = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && !budget.IsCancellationRequested)
            {
                try
                {
                    if (await work(http, i, budget.Token))
                    {
                        Interlocked.Increment(ref done);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    if (!budget.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            }
        }));
        return (done, failed, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
