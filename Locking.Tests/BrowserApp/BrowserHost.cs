using Locking.Tests.TestHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Locking.Tests.BrowserApp;

/// <summary>
/// The whole service on a real loopback port (Kestrel, not the in-memory test server), because a
/// browser needs a socket; otherwise the same <see cref="LockingApp"/>: own database, fake clock.
/// The browser's clock and the HTTP <c>Date</c> header run in real time, so the fake clock is kept
/// from falling behind it (a test may still move it ahead): countdowns read the same to both sides
/// however long the collection has been running.
/// </summary>
public sealed class BrowserLockingApp : LockingApp
{
    private readonly Timer keepUp;

    public BrowserLockingApp() : this(null, "Testing") { }

    private BrowserLockingApp(IDictionary<string, string?>? overrides, string environment) : base(overrides)
    {
        Environment = environment;
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
        keepUp = new Timer(_ => KeepUpWithRealTime(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
    }

    private void KeepUpWithRealTime()
    {
        var now = DateTimeOffset.UtcNow;
        try
        {
            if (Clock.GetUtcNow() < now)
            {
                Clock.SetUtcNow(now);
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            // A test's Advance got there first: the clock is ahead already.
        }
    }

    protected override void Dispose(bool disposing)
    {
        keepUp.Dispose();
        base.Dispose(disposing);
    }

    public static BrowserLockingApp Start(IDictionary<string, string?>? overrides = null, string environment = "Testing") =>
        new(overrides, environment);

    /// <summary>Where the browser goes: http://127.0.0.1:{port}.</summary>
    public string BaseUrl { get; }
}

/// <summary>
/// Debian's Chromium driven by Playwright, one browser for the collection and a fresh context
/// (its own storage: another person) per <see cref="NewPageAsync"/>. A missing Chromium fails
/// the tests loudly: test.sh installs it, and a browser test never skips.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? playwright;
    private IBrowser? browser;

    public BrowserLockingApp App { get; } = BrowserLockingApp.Start();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Chromium at {ChromiumPath}: run ./test.sh (it installs it) or `apt-get install -y chromium`.");
        }
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // As docs/.library says Chromium runs here: no sandbox as root, no GPU, no calls home.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A page in a new browser context: a person of their own, with their own session storage.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(10_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        App.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
