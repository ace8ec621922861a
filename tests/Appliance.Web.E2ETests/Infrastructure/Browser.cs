using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>Playwright over Debian's chromium (the bundled driver; no browser download), one page per test.</summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and failed requests seen so far (a sensible UI has none).</summary>
    public List<string> Errors { get; } = [];

    /// <param name="enforceCsp">False (the default): Playwright bypasses the page's Content-Security-Policy, because
    /// some of its own helpers (string expressions in EvaluateAsync, some assertions) evaluate strings. The CSP test
    /// passes true and so runs under the policy exactly as a user's browser does.</param>
    public static async Task<Browser> LaunchAsync(string baseUrl, bool enforceCsp = false, int width = 1280, int height = 800)
    {
        // A chromium that dies while starting (seen once under CI's load: the first navigation found its page closed) is
        // started once more; a page that answers about:blank is a working browser.
        var session = await LaunchOnceAsync(baseUrl, enforceCsp, width, height);
        try
        {
            await session.Page.GotoAsync("about:blank");
            return session;
        }
        catch (PlaywrightException)
        {
            try { await session.DisposeAsync(); } catch (PlaywrightException) { }
            return await LaunchOnceAsync(baseUrl, enforceCsp, width, height);
        }
    }

    private static async Task<Browser> LaunchOnceAsync(string baseUrl, bool enforceCsp, int width, int height)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, BypassCSP = !enforceCsp, ViewportSize = new ViewportSize { Width = width, Height = height } });
        // CI runs every test project at once on 2 cores (load average around 15): a full page load or a circuit
        // round trip can take many seconds there. Generous waits cost nothing when the page is quick.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        var page = await context.NewPageAsync();
        var session = new Browser(playwright, browser, context, page);
        page.Console += (_, m) => { if (m.Type == "error") session.Errors.Add(m.Text); };
        return session;
    }

    /// <summary>Waits until the Blazor circuit is interactive (MainLayout renders #circuit-ready then).</summary>
    public Task WaitForCircuitAsync() =>
        Page.Locator("#circuit-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public async Task GotoInteractiveAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForCircuitAsync();
    }

    public async Task LoginAsync(string email, string password)
    {
        await Page.GotoAsync("/account/login");
        await Page.FillAsync("#email", email);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("#login-submit");
    }

    public async Task ScreenshotAsync(string name)
    {
        var dir = Environment.GetEnvironmentVariable("E2E_SCREENSHOTS");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
