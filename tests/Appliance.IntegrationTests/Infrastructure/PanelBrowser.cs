using Microsoft.Playwright;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// Playwright over Debian's chromium (the NuGet package's driver, no browser download), signed in to one appliance
/// process's admin panel, as the E2E project's Infrastructure/Browser does for in-memory hosts.
/// </summary>
public sealed class PanelBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PanelBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Starts chromium with <paramref name="node"/>'s panel as base URL and signs in as the bootstrap admin.</summary>
    public static async Task<PanelBrowser> SignedInAsync(ApplianceProcess node)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = $"http://{node.Settings.Address}:{node.Settings.HttpPort}",
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        // Three nodes on 2 loaded cores: a page load or a circuit round trip can take many seconds.
        context.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        var session = new PanelBrowser(playwright, browser, context, await context.NewPageAsync());
        await session.Page.GotoAsync("/account/login");
        await session.Page.FillAsync("#email", "admin@appliance.test");
        await session.Page.FillAsync("#password", ApplianceSettings.AdminPassword);
        await session.Page.ClickAsync("#login-submit");
        await session.Page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return session;
    }

    /// <summary>Opens <paramref name="path"/> and waits until the Blazor circuit is interactive (MainLayout's #circuit-ready).</summary>
    public async Task GotoInteractiveAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.Locator("#circuit-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
