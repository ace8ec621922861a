using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests;

public sealed class RoutesPageTests
{
    [BrowserFact]
    public async Task Admin_adds_edits_and_deletes_a_route_with_validation_messages_and_the_engine_sees_it()
    {
        using var app = Users.WithAdmin();
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.LoginAsync(Users.AdminEmail, Users.Password);
        await browser.GotoInteractiveAsync("/routes");
        await Assertions.Expect(page.Locator("#no-routes")).ToBeVisibleAsync();

        await page.ClickAsync("#new-route");
        await page.FillAsync("#route-domain input", "bad domain!");
        await page.FillAsync("#route-host input", "relay..example");
        await page.FillAsync("#route-port input", "70000");
        await page.ClickAsync("#save-route");
        var errors = page.Locator("#route-form .form-error");
        await Assertions.Expect(errors).ToHaveCountAsync(3);
        await Assertions.Expect(errors.Nth(0)).ToContainTextAsync("valid domain name");
        await Assertions.Expect(page.Locator("#route-form")).ToContainTextAsync("The port must be between 1 and 65535.");

        await page.FillAsync("#route-domain input", "Example.COM");
        await page.FillAsync("#route-host input", "relay.example.net");
        await page.FillAsync("#route-port input", "2525");
        await page.ClickAsync("#save-route");
        await Assertions.Expect(page.Locator("#routes-table")).ToContainTextAsync("relay.example.net");
        var routes = app.Services.GetRequiredService<EfRouteTable>();
        Assert.Equal(("relay.example.net", 2525), (routes.Find("example.com")!.Host, routes.Find("example.com")!.Port));

        await page.Locator(".edit-route").First.ClickAsync();
        await page.FillAsync("#route-port input", "587");
        await page.ClickAsync("#save-route");
        await Assertions.Expect(page.Locator("#routes-table")).ToContainTextAsync("587");
        Assert.Equal(587, routes.Find("example.com")!.Port);
        await browser.ScreenshotAsync("routes");

        await page.Locator(".delete-route").First.ClickAsync();
        await Assertions.Expect(page.Locator("#no-routes")).ToBeVisibleAsync();
        Assert.Null(routes.Find("example.com"));
        Assert.Empty(browser.Errors);
    }
}
