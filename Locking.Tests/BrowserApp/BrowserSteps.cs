using Deque.AxeCore.Playwright;
using Locking.Tests.TestHost;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Locking.Tests.BrowserApp;

/// <summary>What every browser test does the way a person would: sign in, search, find a row, check accessibility.</summary>
internal static class BrowserSteps
{
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{what}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    public static async Task SignInAsync(IPage page, string email, string password = "Passw0rd!")
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static async Task SearchAsync(IPage page, string text)
    {
        await page.GetByLabel("Search").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
    }

    /// <summary>A new browser context signed in as <paramref name="user"/>, on <paramref name="path"/>.</summary>
    public static async Task<IPage> SignedInAtAsync(this BrowserFixture browser, TestUser user, string path, int width = 1280, int height = 800)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync(browser.App.BaseUrl + path);
        await SignInAsync(page, user.Email);
        return page;
    }

    public static ILocator Row(IPage page, string title) => page.Locator("tbody tr", new() { HasText = title });
}
