using System.Text.RegularExpressions;
using Appliance.Web.E2ETests.Infrastructure;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.StartPath;

/// <summary>
/// README.md's "Two commands": the first one must give a working admin panel on a fresh clone. Regression for
/// issue 16: from build output in Production, MudBlazor's CSS and blazor.web.js were served as 200 with an empty body,
/// so every page was unstyled and nothing responded, while the WebApplicationFactory-based tests passed.
/// </summary>
[Collection(ReadmeHostCollection.Name)]
public sealed partial class ReadmeCommandTests(ReadmeHost host)
{
    [SqliteOnlyFact(ReadmeHost.SkipReason)]
    public void A_first_start_on_a_fresh_data_folder_prints_no_warnings_and_shows_the_setup_link_as_a_banner()
    {
        var output = host.Output;
        var warnings = output.Split('\n')
            .Where(l => l.StartsWith("warn:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal)
                        || l.StartsWith("crit:", StringComparison.Ordinal) || l.Contains("Warning", StringComparison.Ordinal))
            .ToList();
        Assert.True(warnings.Count == 0, "warnings on a clean first start:\n" + string.Join('\n', warnings) + "\n---\n" + output);
        Assert.Contains("Hosting environment: Production", output, StringComparison.Ordinal);

        var token = File.ReadAllText(Path.Combine(host.DataDir, "setup-token")).Trim();
        var lines = output.Split('\n').Select(l => l.Trim()).ToList();
        var link = lines.FindIndex(l => l == $"{host.BaseUrl}/setup?token={token}");
        Assert.True(link > 0, "the setup link is not on a line of its own:\n" + output);
        // Framed: a rule of '=' above and below the link, within a few lines.
        Assert.Contains(lines.Skip(Math.Max(0, link - 4)).Take(4), l => l.StartsWith("=====", StringComparison.Ordinal));
        Assert.Contains(lines.Skip(link + 1).Take(4), l => l.StartsWith("=====", StringComparison.Ordinal));
    }

    [BrowserFact(SqliteOnly = ReadmeHost.SkipReason)]
    public Task The_admin_panel_gets_its_css_and_javascript_and_responds_to_a_click_after_setup_and_login() => AdminPanelWorksAsync(host);

    /// <summary>Every CSS/JS file the login page links is non-empty; setup with the token file, login, MudBlazor's styles
    /// applied and a click handled by the circuit. Shared by the README's way and the published folder's.</summary>
    internal static async Task AdminPanelWorksAsync(ReadmeHost host)
    {
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var login = await http.GetStringAsync("/account/login");
        var assets = AssetReference().Matches(login).Select(m => m.Groups["url"].Value).Where(u => !u.StartsWith("http", StringComparison.Ordinal)).ToList();
        Assert.Contains(assets, a => a.Contains("MudBlazor", StringComparison.Ordinal) && a.Contains(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("blazor.web", StringComparison.Ordinal) && a.EndsWith(".js", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var response = await http.GetAsync("/" + asset.TrimStart('/'));
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(body.Length > 1000, $"{asset}: {body.Length} bytes");
        }

        var token = (await File.ReadAllTextAsync(Path.Combine(host.DataDir, "setup-token"))).Trim();
        await using var browser = await Browser.LaunchAsync(host.BaseUrl);
        await browser.Page.GotoAsync($"/setup?token={Uri.EscapeDataString(token)}");
        await browser.Page.FillAsync("#email", Users.AdminEmail);
        await browser.Page.FillAsync("#password", Users.Password);
        await browser.Page.FillAsync("#confirm", Users.Password);
        await browser.Page.FillAsync("#hostname", "mail.example.com");
        await browser.Page.ClickAsync("#setup-submit");
        await Assertions.Expect(browser.Page.Locator("#setup-done")).ToBeVisibleAsync();

        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(browser.Page.Locator("#page-title")).ToHaveTextAsync("Dashboard");
        // MudBlazor's stylesheet applied: the app bar is a fixed, coloured bar, not an unstyled block.
        Assert.Equal("fixed", await browser.Page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.mud-appbar')).position"));
        // A click handled by the circuit.
        var before = await browser.Page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        await browser.Page.ClickAsync("#dark-mode-toggle");
        await browser.Page.WaitForFunctionAsync($"getComputedStyle(document.body).backgroundColor !== '{before}'");
        Assert.Empty(browser.Errors);

        // README's picture (docs/images/dashboard.png): APPLIANCE_DOCS_SCREENSHOT=<path> dotnet test --filter ReadmeCommandTests
        if (Environment.GetEnvironmentVariable("APPLIANCE_DOCS_SCREENSHOT") is { Length: > 0 } picture)
        {
            await browser.Page.ClickAsync("#dark-mode-toggle");
            await browser.Page.SetViewportSizeAsync(1400, 900);
            await browser.Page.WaitForTimeoutAsync(1500); // charts settle after the resize
            await browser.Page.ScreenshotAsync(new PageScreenshotOptions { Path = picture });
        }
    }

    [GeneratedRegex("(?:href|src)=\"(?<url>[^\"]+\\.(?:css|js))\"")]
    private static partial Regex AssetReference();
}
