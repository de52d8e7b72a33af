using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

// Usage: BrowserBench <base url> [changes=200] [chromium=/usr/bin/chromium]
// Needs the demo accounts (Seed:Demo) and the acquire-lock rate limit off; bench/browser.sh does both.
var baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : throw new ArgumentException("usage: BrowserBench <base url> [changes] [chromium]");
var changes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var chromium = args.Length > 2 ? args[2] : "/usr/bin/chromium";

using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
var size = await FirstPage.MeasureAsync(http);

var staff1 = await Api.SignInAsync(http, "staff1@example.com");
var title = $"Browser bench {Guid.NewGuid():N}"[..24];
var appointment = await Api.CreateAppointmentAsync(http, staff1, title);

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
var holder = await Screens.SignedInAsync(browser, baseUrl, "staff1@example.com");
var watcher = await Screens.SignedInAsync(browser, baseUrl, "staff2@example.com");
await Screens.ShowRowAsync(watcher, title, appointment);

// Warm-up: the first changes pay for JIT and connection set-up, on both sides.
for (var i = 0; i < 10; i++)
{
    await Screens.ChangeAndWatchAsync(holder, watcher, appointment, "acquire-lock", "Locked by");
    await Screens.ChangeAndWatchAsync(holder, watcher, appointment, "release-lock", "Free");
}

List<(double Dom, double Frame)> samples = [];
for (var i = 0; i < changes / 2; i++)
{
    samples.Add(await Screens.ChangeAndWatchAsync(holder, watcher, appointment, "acquire-lock", "Locked by"));
    samples.Add(await Screens.ChangeAndWatchAsync(holder, watcher, appointment, "release-lock", "Free"));
}

Console.WriteLine($"First page: {size.Files} JavaScript file(s), {size.RawBytes / 1024.0:F1} KB raw, {size.GzipBytes / 1024.0:F1} KB gzipped (level 9; as served: {size.ServedEncoding})");
Console.WriteLine($"Lock change on one screen -> shown on another, {samples.Count} changes (acquire and release alternating), milliseconds:");
Console.WriteLine("| measured until | p50 | p95 | p99 | max |");
Console.WriteLine("|---|---|---|---|---|");
Console.WriteLine(Stats.Row("the watcher's DOM shows it", samples.Select(s => s.Dom)));
Console.WriteLine(Stats.Row("the watcher's next frame", samples.Select(s => s.Frame)));

internal static class Api
{
    public static async Task<string> SignInAsync(HttpClient http, string email)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password = "Passw0rd!" });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    public static async Task<string> CreateAppointmentAsync(HttpClient http, string token, string title)
    {
        var start = DateTimeOffset.UtcNow.AddDays(1);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/appointments")
        {
            Content = JsonContent.Create(new
            {
                title,
                patientName = "Bench Patient",
                dateOfBirth = "1980-01-01",
                gender = "unknown",
                startTime = start,
                endTime = start.AddMinutes(30),
            }),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }
}

internal static class Screens
{
    public static async Task<IPage> SignedInAsync(IBrowser browser, string baseUrl, string email)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Passw0rd!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Appointments", Exact = true }).WaitForAsync();
        return page;
    }

    /// <summary>The watcher's list shows the one row, and a MutationObserver notes when its badge changes.</summary>
    public static async Task ShowRowAsync(IPage page, string title, string id)
    {
        await page.GetByLabel("Search").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.Locator($"tr[data-appointment-id='{id}']").GetByText("Free").WaitForAsync();
        await page.EvaluateAsync("""
            id => {
              const row = document.querySelector(`tr[data-appointment-id="${id}"]`);
              const label = () => (row.querySelector(".badge-label") ?? row.querySelector(".badge"))?.textContent ?? "";
              const now = () => performance.timeOrigin + performance.now();
              window.benchMarks = [];
              let last = label();
              new MutationObserver(() => {
                const text = label();
                if (text === last) return;
                last = text;
                const mark = { text, dom: now(), frame: 0 };
                window.benchMarks.push(mark);
                requestAnimationFrame(() => { mark.frame = now(); });
              }).observe(row, { subtree: true, childList: true, characterData: true });
            }
            """, id);
    }

    /// <summary>
    /// The holder's page sends the change (the same fetch its buttons make); the time runs from just
    /// before that fetch until the watcher's row shows the new state, both read on the same clock.
    /// </summary>
    public static async Task<(double Dom, double Frame)> ChangeAndWatchAsync(IPage holder, IPage watcher, string id, string route, string expected)
    {
        var sent = await holder.EvaluateAsync<double>("""
            async ([id, route]) => {
              const session = JSON.parse(sessionStorage.getItem("locking.session"));
              const started = performance.timeOrigin + performance.now();
              const response = await fetch(`/api/appointments/${id}/${route}`, {
                method: route === "release-lock" ? "DELETE" : "POST",
                headers: { Authorization: `Bearer ${session.token}` },
              });
              if (!response.ok) throw new Error(`${route}: ${response.status}`);
              return started;
            }
            """, new object[] { id, route });
        var mark = await watcher.WaitForFunctionAsync("""
            ([sent, expected]) => window.benchMarks.find(m => m.dom >= sent && m.frame > 0 && m.text.startsWith(expected)) ?? false
            """, new object[] { sent, expected });
        var dom = await mark.EvaluateAsync<double>("m => m.dom");
        var frame = await mark.EvaluateAsync<double>("m => m.frame");
        await watcher.EvaluateAsync("() => { window.benchMarks = []; }");
        return (dom - sent, frame - sent);
    }
}

internal static partial class FirstPage
{
    /// <summary>The scripts index.html loads (entry and preloads), and their size gzipped at level 9.</summary>
    public static async Task<(int Files, long RawBytes, long GzipBytes, string ServedEncoding)> MeasureAsync(HttpClient http)
    {
        var html = await http.GetStringAsync("/");
        var sources = Script().Matches(html).Select(m => m.Groups["src"].Value).Distinct().ToList();
        long raw = 0, gzip = 0;
        var served = "identity";
        foreach (var src in sources)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, src);
            request.Headers.AcceptEncoding.ParseAdd("gzip, br");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            served = response.Content.Headers.ContentEncoding.FirstOrDefault() ?? "identity";
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (served != "identity")
            {
                // Compressed by the service: fetch it plain for the raw size.
                bytes = await http.GetByteArrayAsync(src);
            }
            raw += bytes.Length;
            using var buffer = new MemoryStream();
            using (var zip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zip.Write(bytes);
            }
            gzip += buffer.Length;
        }
        return (sources.Count, raw, gzip, served);
    }

    [GeneratedRegex("""<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="(?<src>[^"]+\.js)"[^>]*>""")]
    private static partial Regex Script();
}

internal static class Stats
{
    public static string Row(string what, IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"| {what} | {At(0.50):F1} | {At(0.95):F1} | {At(0.99):F1} | {sorted[^1]:F1} |");
    }
}
