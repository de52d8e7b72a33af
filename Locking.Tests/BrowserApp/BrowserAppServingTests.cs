using System.Net;
using System.Text.RegularExpressions;
using Locking.Tests.TestHost;

namespace Locking.Tests.BrowserApp;

/// <summary>The service serves the built app at / and its deep links, and never in place of its own routes.</summary>
public sealed partial class BrowserAppServingTests(LockingApp app) : IClassFixture<LockingApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/appointments/01a2385d-9b41-7190-9791-615eea1ddbff")]
    [InlineData("/book")]
    [InlineData("/admin/locks")]
    public async Task AppRoutes_ServeIndexHtml_NotCached(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"root\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Theory]
    [InlineData("GET", "/api/no-such-route")]
    [InlineData("POST", "/api/no-such-route")]
    [InlineData("GET", "/hubs/nothing")]
    [InlineData("GET", "/health/nothing")]
    [InlineData("GET", "/openapi/nothing")]
    [InlineData("GET", "/scalar/nothing/deeper")]
    [InlineData("GET", "/assets/missing.js")]
    public async Task ServiceRoutesAndMissingFiles_NeverFallBack_StayA404Problem(string method, string path)
    {
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task TheAppsScriptAndStyles_AreServed_CachedForever()
    {
        var client = app.CreateClient();
        var html = await client.GetStringAsync("/");
        var assets = AssetPaths().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));

        foreach (var asset in assets)
        {
            var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("immutable", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
        }
    }

    [Fact]
    public async Task OutsideDevelopment_TheDemoAccountsFlagIsOff()
    {
        var html = await app.CreateClient().GetStringAsync("/");
        Assert.Contains("""<meta name="locking-demo-accounts" content="off">""", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("(?:src|href)=\"(/assets/[^\"]+)\"")]
    private static partial Regex AssetPaths();
}
